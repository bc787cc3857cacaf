/** A small hand-made scenario IR and line builder for pure machine tests (no compiler, no scoring engine). */
import {
  IR_VERSION,
  type Archetype,
  type Condition,
  type Scenario,
  type ScenarioNode,
} from '../../src/scenarios/ir.ts';
import { ARCHETYPE_SPECS, type LineFacts } from '../../src/machines/index.ts';
import type { Category } from '../../src/scoring/types.ts';

type NodeSpec = Partial<ScenarioNode> & Pick<ScenarioNode, 'id'>;

function node(n: NodeSpec): ScenarioNode {
  return {
    title: n.id,
    line: 1,
    stage: 'situation',
    party: 'debtor',
    relation: null,
    verifies: false,
    verified: false,
    disclosure_given: false,
    cease: false,
    cease_requested: false,
    reveals: [],
    effects: [],
    lines: [{ mood: 'calm', text: `(${n.id})`, line: 1 }],
    expect: [],
    model: null,
    options: [],
    branches: [],
    end: null,
    notes: '',
    notes_html: '',
    ...n,
  };
}

const move = (m: string): Condition => ({ kind: 'move', move: m });
const br = (when: Condition | null, target: string) => ({ when, target, effects: [], line: 1 });

/**
 * opening → (verify_identity) talk → (offer_plan) offer → (request/confirm promise) ptp; else branches to refused,
 * callback or the scripted hang-up. No complaint ending, so a complaint uses the built-in one.
 */
export function tinyScenario(
  archetype: Archetype,
  difficulty: 1 | 2 | 3 = 2,
  party: 'debtor' | 'third_party' = 'debtor',
): Scenario {
  const relation = party === 'third_party' ? (archetype === 'colleague' ? 'colleague' : 'spouse') : null;
  return {
    ir_version: IR_VERSION,
    id: `tiny-${archetype}`,
    title: 'tiny',
    lang: 'zh',
    jurisdiction: 'CN',
    difficulty,
    course: 'first_contact',
    caller_type: 'bank',
    bank_policy: { sues: false, field_visits: false, reports_to_bureau: true, call_window: '08:00-21:00' },
    local_time: '10:00',
    call_log: [],
    card: { name: '张伟', card_tail: '6688', amount_due: 12000, minimum_payment: 1200, days_overdue: 30, extra: {} },
    hidden: { real_reason: 'x', can_pay: 1500, answers: 'debtor', secret_words: [], extra: {} },
    persona: { archetype, params: { ...ARCHETYPE_SPECS[archetype].defaults, ability_to_pay: 1500 } },
    briefing: '',
    briefing_html: '',
    start: 'opening',
    source: { file: 'tiny.md' },
    nodes: [
      node({
        id: 'opening',
        stage: 'opening',
        party,
        relation,
        branches: [br(move('verify_identity'), 'talk'), br(null, 'hung-up')],
      }),
      node({
        id: 'talk',
        party,
        relation,
        verifies: party === 'debtor',
        verified: party === 'debtor',
        expect: ['empathise', 'offer_plan'],
        lines: [
          { mood: 'calm', text: '嗯,您说。', line: 2 },
          { mood: 'calm', text: '什么事?', line: 3 },
          { mood: 'calm', text: '我听着呢。', line: 4 },
          { mood: 'annoyed', text: '有话快说。', line: 5 },
          { mood: 'warm', text: '好的,您请讲。', line: 6 },
        ],
        options: [
          {
            text: '您看先还最低还款可以吗?',
            quality: 'good',
            feedback: 'ok',
            next: 'offer',
            effects: [{ var: 'trust', op: 'add', value: 5 }],
            line: 7,
          },
          { text: '嗯。', quality: 'bad', feedback: 'no', next: null, effects: [], line: 8 },
        ],
        // The persona waits through silence and listens to consequences; anything else off-plan is a refusal.
        branches: [
          br(move('offer_plan'), 'offer'),
          br(move('empathise'), 'talk'),
          br({ kind: 'silence' }, 'talk'),
          br(move('state_consequence'), 'talk'),
          br(null, 'refused'),
        ],
      }),
      node({
        id: 'offer',
        stage: 'negotiation',
        party,
        relation,
        verified: party === 'debtor',
        branches: [
          br({ kind: 'or', any: [move('request_promise'), move('confirm_promise')] }, 'ptp'),
          br(null, 'callback'),
        ],
      }),
      node({ id: 'ptp', stage: 'closing', end: { code: 'ptp', amount: 1200, date: '+3d' } }),
      node({ id: 'callback', stage: 'closing', end: { code: 'callback_scheduled', amount: null, date: '+2d' } }),
      node({ id: 'refused', stage: 'closing', end: { code: 'refused', amount: null, date: null } }),
      node({
        id: 'hung-up',
        stage: 'closing',
        lines: [{ mood: 'calm', text: '(挂断)', line: 9 }],
        end: { code: 'hung_up', amount: null, date: null },
      }),
    ],
  };
}

/** A hand-made assessed line. */
export function line(p: {
  moves?: string[];
  tone?: 'polite' | 'neutral' | 'rude';
  findings?: Category[];
  amount?: number;
  date?: boolean;
  elements?: string[];
}): LineFacts {
  const tone = p.tone ?? 'neutral';
  return {
    moves: p.moves ?? [],
    tone: { label: tone, score: tone === 'polite' ? 75 : tone === 'rude' ? 20 : 50 },
    findings: (p.findings ?? []).map((category) => ({ category, severity: 'major' as const })),
    elements: p.elements ?? [],
    terms: { amount: p.amount ?? null, date: p.date ?? false },
    silence: false,
  };
}
