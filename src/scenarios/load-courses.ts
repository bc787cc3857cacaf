/**
 * `loadCourses`: the courses' pass policies (content/courses/courses.yaml) → one `PassPolicy` per course and
 * positioned diagnostics. Pure (no fs): the build plugin, the CLIs and the tests call the same function. Never throws
 * on author mistakes; with any error the policies are null (the build and the linter fail on errors).
 */
import { isMap, isScalar, parseDocument, type Node, type Pair } from 'yaml';
import { didYouMean, locate, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { SEVERITIES, type Severity } from '../scoring/types.ts';
import { YamlReader, type Fields } from '../scoring/yaml-reader.ts';
import { COURSE_STAGES, OUTCOME_CODES, PASS_DIMENSIONS, type CoursePolicies, type PassPolicy } from './ir.ts';

const POLICY_KEYS = ['blocking', 'pass_mark', 'minimums', 'failing_endings'] as const;

/** Reads the pass policies: `default` (every field required) and per-course overrides under `courses`. */
export function loadCourses(
  file: string,
  text: string,
): { policies: CoursePolicies | null; diagnostics: Diagnostic[] } {
  const found: Diagnostic[] = [];
  const r = new YamlReader(file, found);
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  for (const e of doc.errors) r.report('yaml_syntax', [e.pos[0], e.pos[1]], e.message.split('\n')[0]);
  const root = doc.errors.length ? undefined : (doc.contents as Node | null);
  const policies = root === undefined ? null : readFile(root, r);
  return { policies: r.errors ? null : policies, diagnostics: locate(text, found) };
}

function readFile(root: Node | null, r: YamlReader): CoursePolicies | null {
  const f = r.map(root, 'the course file', ['default', 'courses']);
  if (!f || !r.requireFields(f, ['default'], 'the course file', root!)) return null;
  const defaultNode = f.get('default')!.value;
  const fields = r.map(defaultNode, 'default', POLICY_KEYS);
  if (!fields || !r.requireFields(fields, POLICY_KEYS, 'default', defaultNode!)) return null;
  const base = readPolicy(fields, r, 'default');
  const overrides: Partial<Record<string, Partial<PassPolicy>>> = {};
  const courses = f.get('courses')?.value;
  if (courses !== undefined && courses !== null) {
    if (!isMap(courses))
      return r.report('invalid_type', courses, 'courses must be a mapping of course → policy fields') ?? null;
    for (const pair of courses.items as Pair<Node, Node | null>[]) {
      const name = isScalar(pair.key) ? String(pair.key.value) : '';
      if (!(COURSE_STAGES as readonly string[]).includes(name)) {
        const guess = didYouMean(name, COURSE_STAGES);
        r.report(
          'unknown_course',
          pair.key,
          `unknown course \`${name}\``,
          guess ? `Did you mean \`${guess}\`?` : `Courses: ${COURSE_STAGES.join(', ')}`,
        );
        continue;
      }
      const own = r.map(pair.value, `course ${name}`, POLICY_KEYS, pair.key);
      if (own) overrides[name] = readPolicy(own, r, `course ${name}`);
    }
  }
  return Object.fromEntries(
    COURSE_STAGES.map((c) => [c, { ...base, ...overrides[c] } as PassPolicy]),
  ) as CoursePolicies;
}

/** The fields present in one policy mapping, each checked; a broken field is reported and left out. */
function readPolicy(f: Fields, r: YamlReader, what: string): Partial<PassPolicy> {
  const out: Partial<PassPolicy> = {};
  const blocking = f.get('blocking');
  if (blocking) {
    const items = r.list(blocking.value, `${what}.blocking`);
    const severities = items?.map((n) => r.oneOf(n, `${what}.blocking severity`, SEVERITIES, 'unknown_severity'));
    if (severities?.every((s): s is Severity => s !== undefined)) out.blocking = [...new Set(severities)];
  }
  const passMark = f.get('pass_mark');
  if (passMark) out.pass_mark = percent(passMark.value, r, `${what}.pass_mark`);
  const minimums = f.get('minimums');
  if (minimums) {
    const m = r.map(minimums.value, `${what}.minimums`, PASS_DIMENSIONS, minimums.key);
    if (m)
      out.minimums = Object.fromEntries(
        [...m].map(([dim, { value }]) => [dim, percent(value, r, `${what}.minimums.${dim}`)]),
      );
  }
  const endings = f.get('failing_endings');
  if (endings) {
    const items = r.list(endings.value, `${what}.failing_endings`);
    const codes = items?.map((n) => r.oneOf(n, `${what}.failing_endings ending`, OUTCOME_CODES, 'unknown_outcome'));
    if (codes?.every((c) => c !== undefined)) out.failing_endings = [...new Set(codes)];
  }
  return out;
}

/** A score from 0 to 100 (reported and read as 0 otherwise; the caller's policies are dropped on any error). */
function percent(node: Node | null, r: YamlReader, what: string): number {
  const n = r.number(node, what);
  if (n === undefined) return 0;
  if (n < 0 || n > 100) r.report('out_of_range', node, `${what} is ${n}; scores run from 0 to 100`);
  return n;
}
