/** Parses and checks an export file without touching the database: every problem becomes a diagnostic. */
import { locate, type Diagnostic } from '../diagnostics/diagnostic.ts';
import {
  BUNDLE_FORMAT,
  BUNDLE_VERSION,
  MAX_IMPORT_CHARS,
  bundleSchema,
  payloadSchema,
  type BundlePayload,
  type ExportBundle,
} from './bundle.ts';
import type { Problem } from './validate.ts';

/** The rows of a bundle of either version, as the merge needs them. */
export type BundleRows = Pick<BundlePayload, 'profiles' | 'attempts' | 'turns' | 'records' | 'reviews' | 'overrides'>;

/** A header-checked file: its parsed JSON and version, or the diagnostics that refused it. */
export interface ParsedFile {
  data: (Record<string, unknown> & { version: 1 | 2 }) | null;
  diagnostics: Diagnostic[];
}

function failure(text: string, file: string, code: string, message: string, hint?: string, start = 0): ParsedFile {
  return {
    data: null,
    diagnostics: locate(text, [{ code, severity: 'error', message, hint, file, start, end: start }]),
  };
}

/** Size, JSON syntax, format marker and version: everything decided before looking at the rows. */
export function parseBundle(text: string, file = 'import.json', maxChars = MAX_IMPORT_CHARS): ParsedFile {
  if (text.length > maxChars) {
    return failure(
      text,
      file,
      'bundle_too_large',
      `The file is ${(text.length / 1048576).toFixed(1)} MB; imports are limited to ${(maxChars / 1048576).toFixed(0)} MB.`,
      'Export one trainee at a time.',
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const at = /position (\d+)/.exec(message);
    return failure(
      text,
      file,
      'invalid_json',
      `The file is not valid JSON: ${message}.`,
      'The file may be cut off or edited by hand; export it again.',
      at ? Number(at[1]) : text.length,
    );
  }
  const head = data as { format?: unknown; version?: unknown } | null;
  if (typeof head !== 'object' || head === null || Array.isArray(head) || head.format !== BUNDLE_FORMAT) {
    return failure(
      text,
      file,
      'not_a_calldojo_export',
      'This is not a CallDojo export file.',
      'Choose a file made with “Export my data”.',
    );
  }
  if (typeof head.version === 'number' && head.version > BUNDLE_VERSION) {
    return failure(
      text,
      file,
      'bundle_from_newer_app',
      `The file was made by a newer CallDojo (format ${head.version}; this one reads up to ${BUNDLE_VERSION}).`,
      'Update CallDojo on this PC (reload the page), then import again.',
    );
  }
  if (head.version !== 1 && head.version !== 2) {
    return failure(text, file, 'invalid_bundle', `$.version: expected 1 or 2, got ${JSON.stringify(head.version)}.`);
  }
  return { data: data as ParsedFile['data'], diagnostics: [] };
}

/** Shape and internal references of a parsed file's rows (for version 2, of everything but the signature). */
export function checkRows(
  data: NonNullable<ParsedFile['data']>,
  text: string,
  file = 'import.json',
): { rows: BundleRows | null; diagnostics: Diagnostic[] } {
  const problems: Problem[] = [];
  let rows: BundleRows;
  if (data.version === 1) {
    bundleSchema(data, '$', problems);
    const b = data as unknown as ExportBundle;
    rows = {
      profiles: [b.profile],
      attempts: b.attempts,
      turns: b.turns,
      records: b.records,
      reviews: [],
      overrides: [],
    };
  } else {
    const { signature: _signature, ...payload } = data;
    payloadSchema(payload, '$', problems);
    rows = payload as unknown as BundleRows;
  }
  if (problems.length === 0) problems.push(...references(rows));
  const diagnostics: Diagnostic[] = problems.map((p) => ({
    code: 'invalid_bundle',
    severity: 'error',
    message: `${p.path}: ${p.message}.`,
    hint: p.hint,
    file,
    start: 0,
    end: 0,
  }));
  return diagnostics.length ? { rows: null, diagnostics: locate(text, diagnostics) } : { rows, diagnostics };
}

/** Parses `text` and checks its format, version, shape and internal references (signatures are checked on import). */
export function readBundle(
  text: string,
  file = 'import.json',
  maxChars = MAX_IMPORT_CHARS,
): { rows: BundleRows | null; diagnostics: Diagnostic[] } {
  const parsed = parseBundle(text, file, maxChars);
  return parsed.data ? checkRows(parsed.data, text, file) : { rows: null, diagnostics: parsed.diagnostics };
}

/** Rows that point outside the bundle or repeat a key would merge into nonsense: refuse them. */
function references(b: BundleRows): Problem[] {
  const problems: Problem[] = [];
  const unique = (seen: Set<string>, key: string, path: string, what: string) => {
    if (seen.has(key)) problems.push({ path, message: `${what} appears twice` });
    seen.add(key);
  };
  const profileIds = new Set<string>();
  b.profiles.forEach((p, i) => unique(profileIds, p.id, `$.profiles[${i}].id`, `profile ${p.id}`));
  const attemptIds = new Set<string>();
  b.attempts.forEach((a, i) => {
    if (!profileIds.has(a.profileId))
      problems.push({
        path: `$.attempts[${i}].profileId`,
        message: `belongs to profile ${a.profileId}, not to ${b.profiles.length === 1 ? `the exported profile ${b.profiles[0].id}` : 'a profile in the file'}`,
      });
    unique(attemptIds, a.id, `$.attempts[${i}].id`, `attempt ${a.id}`);
  });
  const turnKeys = new Set<string>();
  const scoredLines = new Map<string, number>();
  b.turns.forEach((t, i) => {
    if (!attemptIds.has(t.attemptId))
      problems.push({
        path: `$.turns[${i}].attemptId`,
        message: `refers to attempt ${t.attemptId}, which is not in the file`,
      });
    unique(turnKeys, `${t.attemptId}#${t.index}`, `$.turns[${i}].index`, `line ${t.index} of attempt ${t.attemptId}`);
    if (t.speaker === 'trainee' && t.assessment) scoredLines.set(t.attemptId, (scoredLines.get(t.attemptId) ?? 0) + 1);
  });
  const recordIds = new Set<string>();
  b.records.forEach((r, i) => {
    if (!attemptIds.has(r.attemptId))
      problems.push({
        path: `$.records[${i}].attemptId`,
        message: `refers to attempt ${r.attemptId}, which is not in the file`,
      });
    if (recordIds.has(r.attemptId))
      problems.push({ path: `$.records[${i}].attemptId`, message: `attempt ${r.attemptId} has two records` });
    recordIds.add(r.attemptId);
  });
  const reviewOf = new Map<string, string>();
  b.reviews.forEach((r, i) => {
    if (!attemptIds.has(r.attemptId))
      problems.push({
        path: `$.reviews[${i}].attemptId`,
        message: `refers to attempt ${r.attemptId}, which is not in the file`,
      });
    if (reviewOf.has(r.id)) problems.push({ path: `$.reviews[${i}].id`, message: `review ${r.id} appears twice` });
    reviewOf.set(r.id, r.attemptId);
  });
  const overrideIds = new Set<string>();
  b.overrides.forEach((o, i) => {
    if (reviewOf.get(o.reviewId) !== o.attemptId)
      problems.push({
        path: `$.overrides[${i}].reviewId`,
        message: `refers to review ${o.reviewId}, which is not a review of attempt ${o.attemptId} in the file`,
      });
    if (o.turnIndex >= (scoredLines.get(o.attemptId) ?? 0))
      problems.push({
        path: `$.overrides[${i}].turnIndex`,
        message: `names trainee line ${o.turnIndex}, but attempt ${o.attemptId} has ${scoredLines.get(o.attemptId) ?? 0} in the file`,
      });
    unique(overrideIds, o.id, `$.overrides[${i}].id`, `override ${o.id}`);
  });
  return problems.slice(0, 50);
}
