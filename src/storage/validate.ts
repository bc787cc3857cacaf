/**
 * A small hand-written validator for imported JSON: each schema checks a value at a JSON path and records what is
 * wrong there. Hand-written because the bundle shape is small and a library would add weight to the initial bundle.
 */
import { didYouMean } from '../diagnostics/diagnostic.ts';

export interface Problem {
  /** JSON path of the offending value, e.g. `$.attempts[2].scores.total`. */
  path: string;
  message: string;
  hint?: string;
}

export type Schema = (value: unknown, path: string, problems: Problem[]) => void;

/** Stop collecting after this many: a wholly wrong file should not produce thousands of lines. */
export const MAX_PROBLEMS = 50;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string')
    return `the text ${JSON.stringify(value.length > 30 ? `${value.slice(0, 30)}…` : value)}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

function report(problems: Problem[], problem: Problem): void {
  if (problems.length < MAX_PROBLEMS) problems.push(problem);
}

/** A string, optionally bounded in length and matching a pattern. */
export function str(opts: { max?: number; min?: number; pattern?: RegExp; what?: string } = {}): Schema {
  return (v, path, out) => {
    if (typeof v !== 'string') return report(out, { path, message: `expected text, got ${describe(v)}` });
    if (opts.min !== undefined && v.length < opts.min) report(out, { path, message: 'must not be empty' });
    if (opts.max !== undefined && v.length > opts.max)
      report(out, { path, message: `is longer than ${opts.max} characters` });
    if (opts.pattern && !opts.pattern.test(v))
      report(out, { path, message: `expected ${opts.what ?? opts.pattern}, got ${describe(v)}` });
  };
}

/** A finite number, optionally an integer within bounds. */
export function num(opts: { min?: number; max?: number; int?: boolean } = {}): Schema {
  return (v, path, out) => {
    if (typeof v !== 'number' || !Number.isFinite(v))
      return report(out, { path, message: `expected a number, got ${describe(v)}` });
    if (opts.int && !Number.isInteger(v)) report(out, { path, message: `expected a whole number, got ${v}` });
    if ((opts.min !== undefined && v < opts.min) || (opts.max !== undefined && v > opts.max)) {
      report(out, { path, message: `expected a number from ${opts.min ?? '-∞'} to ${opts.max ?? '∞'}, got ${v}` });
    }
  };
}

export const bool: Schema = (v, path, out) => {
  if (typeof v !== 'boolean') report(out, { path, message: `expected true or false, got ${describe(v)}` });
};

/** One of a fixed set of values. */
export function oneOf(values: readonly (string | number | boolean)[]): Schema {
  return (v, path, out) => {
    if (values.includes(v as string)) return;
    const close = typeof v === 'string' ? didYouMean(v, values.map(String)) : undefined;
    report(out, {
      path,
      message: `expected one of ${values.join(', ')}, got ${describe(v)}`,
      hint: close && `Did you mean \`${close}\`?`,
    });
  };
}

/** null, or whatever `inner` accepts. */
export function nullable(inner: Schema): Schema {
  return (v, path, out) => (v === null ? undefined : inner(v, path, out));
}

/** Text, or an object of this shape (a field whose stored form grew, e.g. a source's clause in both languages). */
export function textOr(text: Schema, shape: Schema): Schema {
  return (v, path, out) => (typeof v === 'string' ? text(v, path, out) : shape(v, path, out));
}

/** An array whose items all satisfy `item`. */
/** An object used as a map: every key passes `key`, every value `value` (at most `max` entries). */
export function dict(key: Schema, value: Schema, opts: { max?: number } = {}): Schema {
  return (v, path, out) => {
    if (!isObject(v)) return report(out, { path, message: `expected an object, got ${describe(v)}` });
    const entries = Object.entries(v);
    if (opts.max !== undefined && entries.length > opts.max)
      return report(out, { path, message: `has more than ${opts.max} entries` });
    for (const [k, x] of entries) {
      key(k, `${path}.${k}`, out);
      value(x, `${path}.${k}`, out);
    }
  };
}

export function arr(item: Schema, opts: { max?: number } = {}): Schema {
  return (v, path, out) => {
    if (!Array.isArray(v)) return report(out, { path, message: `expected a list, got ${describe(v)}` });
    if (opts.max !== undefined && v.length > opts.max)
      return report(out, { path, message: `has more than ${opts.max} items` });
    v.forEach((x, i) => item(x, `${path}[${i}]`, out));
  };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** An object with exactly these fields (keys ending in `?` are optional); unknown fields are errors. */
export function obj(shape: Record<string, Schema>): Schema {
  const fields = Object.entries(shape).map(([k, s]) => ({
    key: k.replace(/\?$/, ''),
    optional: k.endsWith('?'),
    schema: s,
  }));
  const known = fields.map((f) => f.key);
  return (v, path, out) => {
    if (!isObject(v)) return report(out, { path, message: `expected an object, got ${describe(v)}` });
    for (const f of fields) {
      if (f.key in v) f.schema(v[f.key], `${path}.${f.key}`, out);
      else if (!f.optional) report(out, { path, message: `is missing the field \`${f.key}\`` });
    }
    for (const k of Object.keys(v)) {
      if (known.includes(k)) continue;
      const close = didYouMean(k, known);
      report(out, {
        path: `${path}.${k}`,
        message: `unexpected field \`${k}\``,
        hint: close && `Did you mean \`${close}\`?`,
      });
    }
  };
}

/** Any JSON object (opaque payloads such as the persona state). */
export const anyObject: Schema = (v, path, out) => {
  if (!isObject(v)) report(out, { path, message: `expected an object, got ${describe(v)}` });
};
