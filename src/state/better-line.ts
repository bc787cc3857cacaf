/**
 * Better lines in the rule packs use stand-in names (张三先生, XX银行信用卡中心, 王先生, 工号1024; John Smith, Dana,
 * First Card Services). On a call they are filled in with this call's people: the cardholder from the card (with the
 * card's `honorific`, or by full name when the card gives none), the institution and department from the scenario's
 * `caller:`, the trainee's name and staff number from the profile. A stand-in without a value to put in stays as written;
 * where the scenario withholds the institution (`withhold: [institution]`), the better line leaves it out.
 */
import type { Scenario } from '../scenarios/ir.ts';
import type { Assessment } from '../scoring/types.ts';

export interface CallPeople {
  /** How the cardholder is addressed: 张伟先生 / Ms. Lopez, or the full name. */
  customer: string;
  /** The institution to name; null when the scenario's objectives say not to volunteer it. */
  institution: string | null;
  department: string;
  trainee: string;
  staffNo: string;
}

/** The people of this call as better lines name them. */
export function callPeople(scenario: Scenario, trainee: { name: string; staffNo: string } | null): CallPeople {
  const { name, honorific } = scenario.card;
  const surname = scenario.lang === 'zh' ? name.slice(0, 1) : (name.split(/\s+/).at(-1) ?? name);
  const customer = !honorific ? name : scenario.lang === 'zh' ? `${name}${honorific}` : `${honorific} ${surname}`;
  return {
    customer,
    institution: scenario.withhold?.includes('institution') ? null : (scenario.caller?.institution ?? ''),
    department: scenario.caller?.department ?? '',
    trainee: trainee?.name ?? '',
    staffNo: trainee?.staffNo ?? '',
  };
}

type Slot = keyof CallPeople;
/** Institution stand-ins with the words that introduce them, dropped when the institution is withheld. */
const INSTITUTION_PHRASES = [/XX银行信用卡中心(?:XX部)?的/g, / (?:from|with) (?:First Card Services|Summit Recovery)/g];
/** Stand-in → the slot that replaces it, longest first so "张三先生" wins over "张三". */
const STAND_INS: ReadonlyArray<[RegExp, Slot]> = [
  [/张三(?:先生)?/g, 'customer'],
  [/XX银行信用卡中心/g, 'institution'],
  [/XX部/g, 'department'],
  [/(?<=的)王先生/g, 'trainee'],
  [/(?<=工号)1024/g, 'staffNo'],
  [/Mr Zhang(?: San)?|John Smith/g, 'customer'],
  [/First Card Services|Summit Recovery/g, 'institution'],
  [/Dana(?: Lee)?/g, 'trainee'],
  [/(?<=staff number )1024/g, 'staffNo'],
];

/** `text` with its stand-in names replaced by this call's people. */
export function fillBetter(text: string, people: CallPeople): string {
  const kept = people.institution === null ? INSTITUTION_PHRASES.reduce((t, re) => t.replace(re, ''), text) : text;
  return STAND_INS.reduce((t, [re, slot]) => {
    const value = people[slot];
    return value ? t.replace(re, value) : t;
  }, kept);
}

/** The assessment with each finding's better line filled in for this call (the rest unchanged). */
export function withCallPeople(a: Assessment, people: CallPeople): Assessment {
  if (!a.findings.some((f) => f.better)) return a;
  return { ...a, findings: a.findings.map((f) => (f.better ? { ...f, better: fillBetter(f.better, people) } : f)) };
}
