/**
 * The options call: every `[good]` and `[ok]` option typed, as a trainee would type it, to the live persona at its
 * node, over the same seeds as the model call. A model answer is one wording; trainees type the options' wordings
 * too, and a persona that hangs up on a line the script calls good teaches the wrong lesson. Each node is reached
 * the way a call reaches it (from the start, saying the script's lines), so the persona's state there is a real one.
 */
import { lineStarts, type Diagnostic } from '../diagnostics/diagnostic.ts';
import type { OutcomeCode, Quality, Scenario, ScenarioNode } from '../scenarios/ir.ts';
import { createSession, restoreSession, type SessionEngine } from './session.ts';
import type { PersistedSession } from './persist.ts';

/** Endings a good or acceptable line should never lead to straight away. */
export const WRONG_ENDINGS: readonly OutcomeCode[] = ['hung_up', 'complaint', 'refused'];

export interface OptionTrial {
  node: string;
  /** Index of the option in its node's `options`. */
  index: number;
  quality: Quality;
  text: string;
  /** 1-based source line of the option. */
  line: number;
  /** Seeds on which the call reached the node, so the option was said there. */
  seeds: number[];
  /** Seeds on which saying it ended the call in a wrong ending, and where each ended. */
  wrong: { seed: number; node: string; outcome: OutcomeCode }[];
}

export interface OptionRehearsal {
  seeds: number;
  /** Every `[good]` and `[ok]` option of the script, in source order, with what happened when it was said. */
  trials: OptionTrial[];
}

/** A call paused at a node: the saved session, resumed once per line tried there. */
type Paused = PersistedSession;

/**
 * Says each `[good]`/`[ok]` option at its node on seeds 1…`seeds`. Per seed, the nodes are reached breadth first:
 * from the start, every scripted line of a node (model answer and options of any quality) is said to a copy of the
 * call, and a node the persona has not yet led to is explored from the first call that reaches it.
 */
export function rehearseOptions(scenario: Scenario, engine: SessionEngine, seeds = 20): OptionRehearsal {
  const nodes = new Map(scenario.nodes.map((n) => [n.id, n]));
  const trials = new Map<ScenarioNode['options'][number], OptionTrial>();
  for (const node of scenario.nodes) {
    node.options.forEach((o, index) => {
      if (o.quality !== 'bad')
        trials.set(o, { node: node.id, index, quality: o.quality, text: o.text, line: o.line, seeds: [], wrong: [] });
    });
  }
  for (let seed = 1; seed <= seeds; seed++) {
    const first = createSession(scenario, { engine, seed });
    const queue: { node: ScenarioNode; paused: Paused }[] = [];
    const seen = new Set<string>([first.state.node]);
    if (!first.state.ended) queue.push({ node: nodes.get(first.state.node)!, paused: first.persist() });
    first.stop();
    while (queue.length) {
      const { node, paused } = queue.shift()!;
      for (const said of linesAt(node)) {
        const call = restoreSession(scenario, paused, { engine });
        try {
          const { state } = call.say(said.text);
          const trial = said.option && trials.get(said.option);
          if (trial) {
            trial.seeds.push(seed);
            const outcome = state.ended ? state.outcome?.code : undefined;
            // An option the author sends to that very ending meant it; only the persona's own turn is reported.
            if (outcome && WRONG_ENDINGS.includes(outcome) && said.option!.next !== state.node)
              trial.wrong.push({ seed, node: state.node, outcome });
          }
          if (!state.ended && !seen.has(state.node)) {
            seen.add(state.node);
            queue.push({ node: nodes.get(state.node)!, paused: call.persist() });
          }
        } finally {
          call.stop();
        }
      }
    }
  }
  return { seeds, trials: [...trials.values()] };
}

/** The scripted lines a trainee can say at `node`: its model answer, then each option (a text said once). */
function linesAt(node: ScenarioNode): { text: string; option?: ScenarioNode['options'][number] }[] {
  const lines: { text: string; option?: ScenarioNode['options'][number] }[] = [];
  const texts = new Set<string>();
  if (node.model) {
    lines.push({ text: node.model.text });
    texts.add(node.model.text);
  }
  for (const option of node.options) {
    // An option worded as the model answer is still a trial of its own; other repeats teach nothing new.
    if (texts.has(option.text) && option.quality === 'bad') continue;
    lines.push({ text: option.text, option });
    texts.add(option.text);
  }
  return lines;
}

/** The trials whose option led, on some seed, to a wrong ending. */
export function mishandled(rehearsal: OptionRehearsal): OptionTrial[] {
  return rehearsal.trials.filter((t) => t.wrong.length > 0);
}

/**
 * For `lint:scripts` and the Studio: an `option_mishandled` warning per `[good]`/`[ok]` option that the persona, on
 * some seed, answered with a hang-up, a complaint or a refusal, placed on the option's `- [good]` item.
 */
export function mishandledOptions(rehearsal: OptionRehearsal, file: string, source: string): Diagnostic[] {
  const starts = lineStarts(source);
  return mishandled(rehearsal).map((t) => {
    const lineStart = starts[t.line - 1] ?? 0;
    const lineEnd = Math.max(lineStart, (starts[t.line] ?? source.length + 1) - 1);
    const indent = /^[ \t]*/.exec(source.slice(lineStart, lineEnd))![0].length;
    const first = t.wrong[0];
    const endings = [...new Set(t.wrong.map((w) => `\`${w.outcome}\``))].join(', ');
    return {
      code: 'option_mishandled',
      severity: 'warning',
      message: `The [${t.quality}] option said at node \`${t.node}\` ends the call in ${endings} in ${t.wrong.length} of ${t.seeds.length} seeded calls that reach it (seed ${first.seed}: node \`${first.node}\`).`,
      hint: "A trainee who types this wording is treated as if it were a bad line: widen the node's branches to the moves it makes, or reword the option. The Studio lists each seed's ending.",
      args: {
        quality: t.quality,
        node: t.node,
        outcomes: [...new Set(t.wrong.map((w) => w.outcome))].join(','),
        count: t.wrong.length,
        seeds: t.seeds.length,
        seed: first.seed,
        at: first.node,
      },
      file,
      start: lineStart + indent,
      end: lineEnd,
      line: t.line,
      column: indent + 1,
    } satisfies Diagnostic;
  });
}
