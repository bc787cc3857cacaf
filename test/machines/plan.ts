/**
 * Transcript plans (`input.plan`): a scenario, optional persona overrides, the trainee's turns and hand-written
 * expectations. Format:
 *   scenario: zh-first-contact-staller     archetype: hostile_evader (optional)   seed: 3   mode: practice
 *   > a trainee line   > (silence)   > (hang up)   > [choose 2]
 *   expect: node=verify ending=hung_up ended_by=persona finding=threat signal=vague_promise reply~=投诉
 */
export type PlanTurn =
  { kind: 'say'; text: string } | { kind: 'silence' } | { kind: 'hang_up' } | { kind: 'choose'; index: number };

export interface Plan {
  header: Record<string, string>;
  turns: Array<{ turn: PlanTurn; line: number; expect: Array<[key: string, value: string]> }>;
}

/** Parses a plan; throws with the line number on anything it does not understand. */
export function parsePlan(text: string, file: string): Plan {
  const plan: Plan = { header: {}, turns: [] };
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    const at = `${file}:${i + 1}`;
    if (!line || line.startsWith('#')) return;
    if (line.startsWith('>')) {
      const body = line.slice(1).trim();
      const choose = /^\[choose (\d+)\]$/.exec(body);
      const turn: PlanTurn =
        body === '(silence)'
          ? { kind: 'silence' }
          : body === '(hang up)'
            ? { kind: 'hang_up' }
            : choose
              ? { kind: 'choose', index: Number(choose[1]) }
              : { kind: 'say', text: body };
      plan.turns.push({ turn, line: i + 1, expect: [] });
    } else if (line.startsWith('expect:')) {
      const last = plan.turns.at(-1);
      if (!last) throw new Error(`${at}: expect: before any turn`);
      for (const pair of line.slice(7).trim().split(/\s+/)) {
        const m = /^(node|ending|ended_by|finding|signal|mood|reply~)=(.+)$/.exec(pair);
        if (!m) throw new Error(`${at}: cannot read expectation "${pair}"`);
        last.expect.push([m[1], m[2]]);
      }
    } else {
      const m = /^(scenario|archetype|seed|mode|difficulty):\s*(\S+)$/.exec(line);
      if (!m || plan.turns.length) throw new Error(`${at}: cannot read "${line}"`);
      plan.header[m[1]] = m[2];
    }
  });
  return plan;
}
