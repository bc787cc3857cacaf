/** Parses and checks an export file without touching the database: every problem becomes a diagnostic. */
import { locate, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { BUNDLE_FORMAT, BUNDLE_VERSION, MAX_IMPORT_CHARS, bundleSchema, type ExportBundle } from './bundle.ts';
import type { Problem } from './validate.ts';

/** Parses `text` and checks its format, version, shape and internal references. */
export function readBundle(
  text: string,
  file = 'import.json',
  maxChars = MAX_IMPORT_CHARS,
): { bundle: ExportBundle | null; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const fail = (code: string, message: string, hint?: string, start = 0) => {
    diagnostics.push({ code, severity: 'error', message, hint, file, start, end: start });
    return { bundle: null, diagnostics: locate(text, diagnostics) };
  };
  if (text.length > maxChars) {
    return fail('bundle_too_large', `The file is ${(text.length / 1048576).toFixed(1)} MB; imports are limited to ${(maxChars / 1048576).toFixed(0)} MB.`, 'Export one trainee at a time.');
  }
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const at = /position (\d+)/.exec(message);
    return fail('invalid_json', `The file is not valid JSON: ${message}.`, 'The file may be cut off or edited by hand; export it again.', at ? Number(at[1]) : text.length);
  }
  const head = data as { format?: unknown; version?: unknown } | null;
  if (typeof head !== 'object' || head === null || head.format !== BUNDLE_FORMAT) {
    return fail('not_a_calldojo_export', 'This is not a CallDojo export file.', 'Choose a file made with “Export my data”.');
  }
  if (typeof head.version === 'number' && head.version > BUNDLE_VERSION) {
    return fail('bundle_from_newer_app', `The file was made by a newer CallDojo (format ${head.version}; this one reads up to ${BUNDLE_VERSION}).`, 'Update CallDojo on this PC (reload the page), then import again.');
  }
  const problems: Problem[] = [];
  bundleSchema(data, '$', problems);
  if (problems.length === 0) problems.push(...references(data as ExportBundle));
  for (const p of problems) {
    diagnostics.push({ code: 'invalid_bundle', severity: 'error', message: `${p.path}: ${p.message}.`, hint: p.hint, file, start: 0, end: 0 });
  }
  return diagnostics.length ? { bundle: null, diagnostics: locate(text, diagnostics) } : { bundle: data as ExportBundle, diagnostics };
}

/** Rows that point outside the bundle or repeat a key would merge into nonsense: refuse them. */
function references(b: ExportBundle): Problem[] {
  const problems: Problem[] = [];
  const attemptIds = new Set<string>();
  b.attempts.forEach((a, i) => {
    if (a.profileId !== b.profile.id) problems.push({ path: `$.attempts[${i}].profileId`, message: `belongs to profile ${a.profileId}, not to the exported profile ${b.profile.id}` });
    if (attemptIds.has(a.id)) problems.push({ path: `$.attempts[${i}].id`, message: `attempt ${a.id} appears twice` });
    attemptIds.add(a.id);
  });
  const turnKeys = new Set<string>();
  b.turns.forEach((t, i) => {
    if (!attemptIds.has(t.attemptId)) problems.push({ path: `$.turns[${i}].attemptId`, message: `refers to attempt ${t.attemptId}, which is not in the file` });
    const key = `${t.attemptId}#${t.index}`;
    if (turnKeys.has(key)) problems.push({ path: `$.turns[${i}].index`, message: `line ${t.index} of attempt ${t.attemptId} appears twice` });
    turnKeys.add(key);
  });
  const recordIds = new Set<string>();
  b.records.forEach((r, i) => {
    if (!attemptIds.has(r.attemptId)) problems.push({ path: `$.records[${i}].attemptId`, message: `refers to attempt ${r.attemptId}, which is not in the file` });
    if (recordIds.has(r.attemptId)) problems.push({ path: `$.records[${i}].attemptId`, message: `attempt ${r.attemptId} has two records` });
    recordIds.add(r.attemptId);
  });
  return problems.slice(0, 50);
}
