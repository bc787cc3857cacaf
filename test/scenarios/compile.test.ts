/** The IR the compiler emits: what the persona machines and the UI rely on. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile, IR_VERSION, type Scenario } from '../../src/scenarios/index.ts';
import { fixtureEngine } from './engines.ts';

const samples = join(import.meta.dirname, 'samples');
const read = (name: string) => readFileSync(join(samples, name, 'input.md'), 'utf8');
const engine = fixtureEngine();
const ok = (source: string): Scenario => {
  const { scenario, diagnostics } = compile(source, { file: 'x.md', engine });
  expect(diagnostics).toEqual([]);
  return scenario!;
};
const node = (s: Scenario, id: string) => s.nodes.find((n) => n.id === id)!;

describe('scenario IR', () => {
  const s = ok(read('valid-minimal'));

  it('is versioned plain JSON that survives a JSON round trip unchanged', () => {
    expect(s.ir_version).toBe(IR_VERSION);
    expect(JSON.parse(JSON.stringify(s))).toStrictEqual(s);
  });

  it('carries persona, card, hidden facts and policy, with archetype defaults for missing parameters', () => {
    expect(s.persona).toEqual({
      archetype: 'cooperative',
      params: { patience: 70, trust: 45, irritability: 30, resolve: 30, ability_to_pay: 0 },
    });
    expect(s.card).toMatchObject({
      name: '李娜',
      card_tail: '3519',
      amount_due: 8420,
      minimum_payment: 842,
      days_overdue: 32,
    });
    expect(s.hidden).toMatchObject({
      real_reason: '上个月住院做了手术',
      can_pay: 900,
      answers: 'debtor',
      secret_words: ['住院'],
    });
    expect(s.bank_policy).toEqual({
      call_window: '08:00-21:00',
      sues: false,
      field_visits: false,
      reports_to_bureau: true,
    });
  });

  it('carries whom the trainee represents, what to withhold, the exam flag and the form of address (issue 14)', () => {
    expect(s.caller).toBeUndefined();
    expect(s.card.honorific).toBeUndefined();
    const header =
      'caller:\n  institution: 华信银行信用卡中心\n  department: 账务管理部\nwithhold: [institution]\nexam_hide_card: true\ncard:\n';
    const t = ok(
      read('valid-minimal')
        .replace('card:\n', header)
        .replace(/(\ncard:\n {2}name: [^\n]+\n)/, '$1  honorific: 女士\n'),
    );
    expect(t.caller).toEqual({ institution: '华信银行信用卡中心', department: '账务管理部' });
    expect(t.withhold).toEqual(['institution']);
    expect(t.exam_hide_card).toBe(true);
    expect(t.card.honorific).toBe('女士');
    expect(t.card.extra).not.toHaveProperty('honorific');
  });

  it('compiles branches to structured conditions and effects, with source lines', () => {
    expect(node(s, 'confirmed').branches).toEqual([
      {
        when: {
          kind: 'or',
          any: [
            { kind: 'move', move: 'empathise' },
            { kind: 'move', move: 'disclose_debt' },
          ],
        },
        target: 'promise',
        effects: [{ var: 'trust', op: 'add', value: 5 }],
        line: 52,
      },
      { when: null, target: 'hung-up', effects: [], line: 53 },
    ]);
    expect(node(s, 'pickup')).toMatchObject({
      line: 32,
      options: [{ quality: 'good', next: 'confirmed', feedback: '要素齐全。', line: 39 }],
    });
  });

  it('resolves `minimum` against the card and marks verification on every path after a `verifies` node', () => {
    expect(node(s, 'promise').end).toEqual({ code: 'ptp', amount: 842, date: '+3d' });
    expect(s.nodes.map((n) => [n.id, n.verified])).toEqual([
      ['pickup', false],
      ['confirmed', true],
      ['promise', true],
      ['hung-up', false],
    ]);
  });

  it('inherits stage and party from the node above, and lints each model answer in that context', () => {
    const source = read('valid-minimal')
      .replace('stage: verification\n', '')
      .replace('stage: opening\n', 'stage: opening\nparty: spouse\n');
    const t = compile(source, { file: 'x.md' }).scenario!;
    expect(node(t, 'confirmed')).toMatchObject({
      stage: 'opening',
      party: 'third_party',
      relation: 'spouse',
      verified: false,
    });
    // Telling a spouse about the overdue card is a disclosure before verification, so the same answer is now flagged.
    expect(compile(source, { file: 'x.md', engine }).diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['model_answer_flagged', 49],
    ]);
  });

  it('reads Chinese keywords into the same IR as English ones', () => {
    const zh = ok(read('valid-zh-keywords'));
    expect(node(zh, 'pickup').branches.map((b) => b.when)).toEqual([
      {
        kind: 'and',
        all: [
          { kind: 'move', move: 'verify_identity' },
          { kind: 'tone', tone: 'polite' },
        ],
      },
      {
        kind: 'or',
        any: [
          { kind: 'finding', category: 'threat' },
          { kind: 'state', var: 'trust', op: '<', value: 20 },
        ],
      },
      null,
    ]);
    expect(node(zh, 'pickup').branches[1].effects).toEqual([{ var: 'irritation', op: 'add', value: 20 }]);
  });

  it('reads a condition written the same way on several branches the same way each time, and reports each one where it is', () => {
    const same = read('valid-minimal').replace(
      '- if verify_identity → confirmed',
      '- if empathise or disclose_debt → confirmed',
    );
    const t = ok(same);
    expect(node(t, 'pickup').branches[0].when).toEqual(node(t, 'confirmed').branches[0].when);
    // An unknown move in a repeated condition is an error at every place it is written, not only the first.
    const typo = same.replaceAll('empathise or disclose_debt', 'empathize or disclose_debt');
    const found = compile(typo, { file: 'x.md', engine }).diagnostics.filter((d) => d.code === 'unknown_move');
    expect(found.map((d) => [d.line, d.column, d.message.includes('empathize')])).toEqual([
      [42, 6, true],
      [52, 6, true],
    ]);
    // A syntax error too, and the clean copies of the condition elsewhere still compile.
    const broken = same.replace(
      '- if empathise or disclose_debt → promise',
      '- if empathise or or disclose_debt → promise',
    );
    const conditionErrors = compile(broken, { file: 'x.md', engine }).diagnostics.filter(
      (d) => d.code === 'invalid_condition' || d.code === 'unknown_move',
    );
    expect(conditionErrors.map((d) => [d.code, d.line])).toEqual([['invalid_condition', 52]]);
  });

  it('reads a long script whose conditions and effects never repeat exactly as a short one (the caches give up)', () => {
    // 80 nodes, each with its own condition and effect list; the last two also share a branch with an unknown move.
    const head = read('valid-minimal').split('## 接通')[0];
    const typo = (i: number) => (i >= 78 ? '- if empathize → s0\n' : '');
    const step = (i: number) =>
      `## 第${i}步 {#s${i}}\nstage: negotiation\n> 嗯。\nmodel: 您看这个月能不能先还一部分？\nwhy: 给出方案。\nbranches:\n` +
      `- if offer_plan and trust >= ${i} → ${i < 79 ? `s${i + 1}` : 'promise'} {trust +${i}}\n${typo(i)}- else → hung-up\n`;
    const tail =
      '## 承诺 {#promise}\nstage: promise\n> 好。\nend: ptp amount=minimum date=+3d\n\n## 挂断 {#hung-up}\nstage: closing\n> （挂断）\nend: hung_up\n';
    const src = head + Array.from({ length: 80 }, (_, i) => step(i)).join('\n') + '\n' + tail;
    const clean = compile(src.replaceAll('- if empathize → s0\n', ''), { file: 'x.md', engine });
    expect(clean.diagnostics).toEqual([]);
    expect(node(clean.scenario!, 's79').branches[0]).toMatchObject({
      when: {
        kind: 'and',
        all: [
          { kind: 'move', move: 'offer_plan' },
          { kind: 'state', var: 'trust', op: '>=', value: 79 },
        ],
      },
      effects: [{ var: 'trust', op: 'add', value: 79 }],
    });
    // After the caches gave up, a repeated mistake is still reported on each of its lines.
    const unknown = compile(src, { file: 'x.md', engine }).diagnostics.filter((d) => d.code === 'unknown_move');
    expect(unknown.map((d) => d.line)).toHaveLength(2);
    expect(unknown[0].line).not.toBe(unknown[1].line);
  });

  it('reads condition keywords in any case, and a word is a move even when objects have a property of its name', () => {
    const upper = read('valid-minimal').replace(
      '- if empathise or disclose_debt → promise',
      '- if Empathise OR NOT Tone rude → promise',
    );
    expect(node(compile(upper, { file: 'x.md' }).scenario!, 'confirmed').branches[0].when).toEqual({
      kind: 'or',
      any: [
        { kind: 'move', move: 'Empathise' },
        { kind: 'not', cond: { kind: 'tone', tone: 'rude' } },
      ],
    });
    const odd = read('valid-minimal').replace(
      '- if empathise or disclose_debt → promise',
      '- if Constructor → promise',
    );
    const found = compile(odd, { file: 'x.md', engine }).diagnostics.filter(
      (d) => d.code === 'unknown_move' || d.code === 'invalid_condition',
    );
    expect(found.map((d) => [d.code, d.line])).toEqual([['unknown_move', 52]]);
  });

  it('reads an effect list written the same way on several branches the same way each time, and reports each one where it is', () => {
    const same = read('valid-minimal').replace(
      '- if verify_identity → confirmed',
      '- if verify_identity → confirmed {trust +5}',
    );
    const t = ok(same);
    expect(node(t, 'pickup').branches[0].effects).toEqual([{ var: 'trust', op: 'add', value: 5 }]);
    expect(node(t, 'pickup').branches[0].effects).toEqual(node(t, 'confirmed').branches[0].effects);
    for (const [typo, code] of [
      ['{trsut +5}', 'unknown_state_var'],
      ['{trust + five}', 'invalid_effect'],
    ]) {
      const found = compile(same.replaceAll('{trust +5}', typo), { file: 'x.md', engine }).diagnostics.filter(
        (d) => d.code === code,
      );
      expect(found.map((d) => [d.line, d.column])).toEqual([
        [42, 35],
        [52, 44],
      ]);
    }
  });

  it('keeps trainer notes and comments out of what the persona says', () => {
    const t = ok(read('valid-comments-and-notes'));
    expect(node(t, 'confirmed').notes).toBe('这里是给讲师看的备注,不会读给学员。');
    expect(node(t, 'confirmed').lines.map((l) => l.text)).toEqual(['对,我是李娜。什么事?']);
    expect(t.briefing_html).toContain('<p>简报');
  });

  it("renders the briefing's headings below the page section it is shown in (# → h3)", () => {
    // (`##` starts a node, so a briefing has `#` and `###`.)
    const src = read('valid-minimal').replace(
      '简报:首次联系,先核实本人。',
      '# 李娜女士\n\n### 目标\n\n简报:首次联系,先核实本人。',
    );
    expect(ok(src).briefing_html).toMatch(/^<h3>李娜女士<\/h3>\n<h5>目标<\/h5>\n<p>简报/);
  });

  it('reads a script saved with Windows line ends (CRLF) exactly as with LF', () => {
    const src = read('valid-minimal');
    expect(compile(src.replaceAll('\n', '\r\n'), { file: 'x.md', engine })).toEqual(
      compile(src, { file: 'x.md', engine }),
    );
  });

  it('does not read a field or option across a line separator or stray carriage return inside the line', () => {
    for (const sep of ['\u2028', '\u2029', '\r']) {
      const src = read('valid-minimal')
        .replace('why: 先亮明身份', `why: 先亮明${sep}身份`)
        .replace('- [good] 您好', `- [good] 您${sep}好`);
      const found = compile(src, { file: 'x.md', engine }).diagnostics;
      expect(found.map((d) => [d.code, d.line])).toEqual([
        ['missing_why', 36],
        ['invalid_option', 39],
      ]);
    }
  });
});

describe('compile never throws on author mistakes', () => {
  it('returns diagnostics for every prefix and every line-deleted variant of a valid script', () => {
    const src = read('valid-minimal');
    const lines = src.split('\n');
    const variants = [
      ...Array.from({ length: 40 }, (_, i) => src.slice(0, Math.floor((src.length * i) / 40))),
      ...lines.map((_, i) => lines.filter((__, j) => j !== i).join('\n')),
    ];
    for (const v of variants) {
      const r = compile(v, { file: 'x.md', engine });
      expect(r.scenario !== null || r.diagnostics.some((d) => d.severity === 'error')).toBe(true);
      for (const d of r.diagnostics) expect(d.line).toBeGreaterThan(0);
    }
  });
});
