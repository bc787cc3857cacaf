/**
 * The export file format: finished calls as plain JSON, versioned on its own (not the database version).
 * Version 1: one trainee, unsigned. Version 2 (issue 7): any number of trainees with their reviews and overrides,
 * signed by the exporting device (ECDSA P-256 over the canonical JSON of everything but the signature).
 */
import { CATEGORIES, SEVERITIES } from '../scoring/types.ts';
import { CALL_STAGES, COURSE_STAGES, OUTCOME_CODES, PASS_DIMENSIONS } from '../scenarios/ir.ts';
import { CORRECTION_ACTIONS } from '../report/overrides.ts';
import { SIGNATURE_ALG, type Signature } from '../security/signature.ts';
import type { Attempt, CallRecord, Override, Profile, Review, Turn } from './types.ts';
import { ATTEMPT_STATUSES, MODES } from './types.ts';
import { anyObject, arr, bool, dict, num, nullable, obj, oneOf, str, textOr, type Schema } from './validate.ts';

export const BUNDLE_FORMAT = 'calldojo-export';
/** The newest format this app reads and the one signed exports are written in. */
export const BUNDLE_VERSION = 2;
/** The unsigned single-trainee format `exportProfile` still writes by default (older CallDojo reads only this). */
export const UNSIGNED_BUNDLE_VERSION = 1;
/** Larger files are refused before parsing; the UI can compare `File.size` against it first. */
export const MAX_IMPORT_CHARS = 32 * 1024 * 1024;

/** Attempts travel without what is device-local (resume snapshot) or derived (finding summary). */
export type BundleAttempt = Omit<Attempt, 'snapshot' | 'findings'>;

/** Version 1: one trainee's calls, unsigned. */
export interface ExportBundle {
  format: typeof BUNDLE_FORMAT;
  version: number;
  /** ISO time of export. */
  exportedAt: string;
  profile: Profile;
  attempts: BundleAttempt[];
  turns: Turn[];
  records: CallRecord[];
}

/** Version 2 without its signature: what the signature covers. */
export interface BundlePayload {
  format: typeof BUNDLE_FORMAT;
  version: 2;
  exportedAt: string;
  profiles: Profile[];
  attempts: BundleAttempt[];
  turns: Turn[];
  records: CallRecord[];
  reviews: Review[];
  overrides: Override[];
}

export interface SignedBundle extends BundlePayload {
  signature: Signature;
}

const id = str({ min: 1, max: 100 });
const time = num({ min: 0, int: true });
const text = (max: number) => str({ max });
const score = num({ min: 0, max: 100 });
const isoDate = str({ pattern: /^\d{4}-\d{2}-\d{2}$/, what: 'a date YYYY-MM-DD' });

const profile = obj({
  id,
  name: str({ min: 1, max: 60 }),
  staffNo: str({ min: 1, max: 40 }),
  createdAt: time,
  lastActiveAt: time,
});

const scores = obj({ compliance: score, script: score, tone: score, outcome: score, record: score, total: score });

const policy = obj({
  blocking: arr(oneOf(SEVERITIES), { max: 3 }),
  pass_mark: score,
  minimums: obj(Object.fromEntries(PASS_DIMENSIONS.map((d) => [`${d}?`, score]))),
  failing_endings: arr(oneOf(OUTCOME_CODES), { max: 20 }),
});

const attempt = obj({
  id,
  profileId: id,
  scenarioId: id,
  scenarioTitle: text(200),
  lang: oneOf(['zh', 'en']),
  mode: oneOf(MODES),
  seed: num({ int: true }),
  status: oneOf(ATTEMPT_STATUSES.filter((s) => s !== 'in_progress')),
  startedAt: time,
  endedAt: time,
  outcome: nullable(oneOf(OUTCOME_CODES)),
  scores: nullable(scores),
  passed: nullable(bool),
  blockerRule: nullable(id),
  'policy?': policy,
  'missed?': arr(obj({ turn: num({ min: 0, int: true }), nodeId: text(200), element: id }), { max: 1000 }),
  'expected?': num({ min: 0, int: true }),
  // The versions that judged the call (issue 15 part H).
  'versions?': obj({ app: text(40), rules: dict(id, text(40), { max: 50 }), scenario: text(40) }),
  // The scenario's course (issue 16).
  'course?': oneOf(COURSE_STAGES),
});

const offset = num({ min: 0, int: true });
const finding = obj({
  rule: id,
  category: oneOf(CATEGORIES),
  severity: oneOf(SEVERITIES),
  start: offset,
  end: offset,
  quote: text(2000),
  message: text(2000),
  better: text(2000),
  // A clause is `{zh, en}`; calls scored before sources were bilingual carry it as one string.
  sources: arr(
    obj({
      clause: textOr(text(500), obj({ zh: text(500), en: text(500) })),
      url: text(2000),
      status: oneOf(['V', 'S', 'T', 'NF']),
    }),
    { max: 20 },
  ),
});
const assessment = obj({
  findings: arr(finding, { max: 200 }),
  tone: obj({
    label: oneOf(['polite', 'neutral', 'rude']),
    score,
    reasons: arr(obj({ reason: text(500), delta: num(), 'start?': offset, 'end?': offset }), { max: 100 }),
  }),
  moves: arr(obj({ move: id, start: offset, end: offset, evidence: text(2000) }), { max: 100 }),
  elements: arr(id, { max: 100 }),
});

const turn = obj({
  attemptId: id,
  index: num({ min: 0, max: 10_000, int: true }),
  speaker: oneOf(['trainee', 'persona']),
  text: text(5000),
  assessment: nullable(assessment),
  personaState: nullable(anyObject),
  stage: oneOf(CALL_STAGES),
  at: time,
  // The node a trainee line answered and the guided option picked (issue 16).
  'node?': text(200),
  'picked?': num({ min: 0, max: 100, int: true }),
});

const field = oneOf(['resultCode', 'promiseAmount', 'promiseDate', 'nextAction', 'notes']);
const record = obj({
  attemptId: id,
  resultCode: oneOf(OUTCOME_CODES),
  promiseAmount: nullable(num({ min: 0 })),
  promiseDate: nullable(isoDate),
  nextAction: text(2000),
  notes: text(5000),
  savedAt: time,
  checks: arr(obj({ field, ok: bool, expected: nullable(text(2000)), actual: nullable(text(2000)) }), { max: 20 }),
});

/** The whole version 1 bundle after its header was accepted. */
export const bundleSchema: Schema = obj({
  format: oneOf([BUNDLE_FORMAT]),
  version: oneOf([1]),
  exportedAt: str({ max: 40 }),
  profile,
  attempts: arr(attempt, { max: 100_000 }),
  turns: arr(turn, { max: 2_000_000 }),
  records: arr(record, { max: 100_000 }),
});

export const signatureSchema: Schema = obj({
  alg: oneOf([SIGNATURE_ALG]),
  publicKey: obj({
    kty: oneOf(['EC']),
    crv: oneOf(['P-256']),
    x: str({ min: 1, max: 100 }),
    y: str({ min: 1, max: 100 }),
  }),
  value: str({ min: 1, max: 200 }),
});

const name = str({ min: 1, max: 100 });
const review = obj({
  id,
  attemptId: id,
  mentor: name,
  status: oneOf(['open', 'acknowledged', 'disputed']),
  comment: text(5000),
  traineeComment: nullable(text(5000)),
  createdAt: time,
  updatedAt: time,
  'auditHead?': text(200),
});
const override = obj({
  id,
  attemptId: id,
  reviewId: id,
  turnIndex: num({ min: 0, max: 10_000, int: true }),
  action: oneOf(CORRECTION_ACTIONS),
  rule: id,
  category: oneOf(CATEGORIES),
  severity: oneOf(SEVERITIES),
  reason: str({ min: 1, max: 2000 }),
  by: name,
  'byStaffNo?': name,
  at: time,
  'quote?': text(2000),
  'start?': num({ min: 0, int: true }),
  'end?': num({ min: 0, int: true }),
  scoresBefore: scores,
  scoresAfter: scores,
  'chain?': obj({
    prev: text(200),
    hash: str({ pattern: /^[0-9a-f]{64}$/, what: 'a SHA-256 hash' }),
    signature: nullable(signatureSchema),
  }),
});

/** Version 2 without the signature (checked on its own first, so a bad signature is named as such). */
export const payloadSchema: Schema = obj({
  format: oneOf([BUNDLE_FORMAT]),
  version: oneOf([2]),
  exportedAt: str({ max: 40 }),
  profiles: arr(profile, { max: 10_000 }),
  attempts: arr(attempt, { max: 100_000 }),
  turns: arr(turn, { max: 2_000_000 }),
  records: arr(record, { max: 100_000 }),
  reviews: arr(review, { max: 100_000 }),
  overrides: arr(override, { max: 1_000_000 }),
});
