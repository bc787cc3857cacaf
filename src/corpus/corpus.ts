/**
 * The labelled corpus (content/corpus): one JSONL line per agent turn with its context and the labels a careful
 * trainer gives it. `readCorpusFile` parses and validates one file and reports mistakes as positioned diagnostics
 * (the line is left out, the rest still loads), like the rule-pack loader does.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { CATEGORIES, RELATIONS, STAGES, type Category, type Lang, type ScoringContext } from '../scoring/types.ts';

/** Compliance categories a corpus line can break; tone and script coaching are not violations. */
export const VIOLATION_CATEGORIES = CATEGORIES.filter((c) => c !== 'tone' && c !== 'script');
export type ViolationCategory = Exclude<Category, 'tone' | 'script'>;

export const TONE_LABELS = ['polite', 'neutral', 'rude'] as const;
export type ToneLabel = (typeof TONE_LABELS)[number];

export const SPLITS = ['train', 'dev', 'test'] as const;
export type Split = (typeof SPLITS)[number];

export const METHODS = ['written', 'paraphrased', 'noised'] as const;

export interface CorpusLine {
  id: string;
  lang: Lang;
  text: string;
  context: Partial<ScoringContext>;
  violations: ViolationCategory[];
  moves: string[];
  tone: ToneLabel;
  source: string;
  method: (typeof METHODS)[number];
  /** File the line came from and its 1-based line number. */
  file: string;
  line: number;
}

const CONTEXT_KEYS = new Set([
  'party',
  'relation',
  'verified',
  'stage',
  'local_time',
  'caller_type',
  'consent_late_call',
  'cease_request',
  'attorney_represented',
  'legal_action_filed',
  'disclosure_given',
  'calls_today',
  'calls_last_7_days',
  'bank_policy',
  'call_direction',
  'unanswered_today',
  'dialled',
  'own_number_invalid',
  'failed_attempts_in_row',
  'third_party_related',
]);

/** Parses one JSONL corpus file; `moveIds` is the moves vocabulary (content/rules/moves.yaml). */
export function readCorpusFile(
  file: string,
  source: string,
  moveIds: ReadonlySet<string>,
): { lines: CorpusLine[]; diagnostics: Diagnostic[] } {
  const lines: CorpusLine[] = [];
  const diagnostics: Diagnostic[] = [];
  let offset = 0;
  const rows = source.split('\n');
  const starts: number[] = [];
  rows.forEach((raw, index) => {
    const start = offset;
    starts.push(start);
    offset += raw.length + 1;
    const text = raw.trim();
    if (!text) return;
    const fail = (code: string, message: string, hint?: string) =>
      diagnostics.push({ code, severity: 'error', message, hint, file, start, end: start + raw.length });
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      fail('corpus_bad_json', `not a JSON object: ${(e as Error).message}`);
      return;
    }
    const problem = checkLine(value, moveIds);
    if (problem) {
      fail('corpus_bad_line', problem);
      return;
    }
    lines.push({ ...(value as Omit<CorpusLine, 'file' | 'line'>), file, line: index + 1 });
  });
  const seen = new Map<string, number>();
  for (const l of lines) {
    if (seen.has(l.id))
      diagnostics.push({
        code: 'corpus_duplicate_id',
        severity: 'error',
        message: `id ${l.id} is used again (first on line ${seen.get(l.id)})`,
        file,
        start: starts[l.line - 1],
        end: starts[l.line - 1],
      });
    else seen.set(l.id, l.line);
  }
  return { lines, diagnostics };
}

function checkLine(v: unknown, moveIds: ReadonlySet<string>): string | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return 'each line must be a JSON object';
  const o = v as Record<string, unknown>;
  if (typeof o.id !== 'string' || !o.id) return '`id` must be a non-empty string';
  if (o.lang !== 'zh' && o.lang !== 'en') return '`lang` must be "zh" or "en"';
  if (typeof o.text !== 'string' || !o.text.trim()) return '`text` must be a non-empty string';
  if (typeof o.context !== 'object' || o.context === null) return '`context` must be an object';
  const ctx = o.context as Record<string, unknown>;
  for (const k of Object.keys(ctx)) if (!CONTEXT_KEYS.has(k)) return `context field \`${k}\` is unknown`;
  if (ctx.party !== 'debtor' && ctx.party !== 'third_party') return '`context.party` must be "debtor" or "third_party"';
  if (typeof ctx.verified !== 'boolean') return '`context.verified` must be true or false';
  if (!(STAGES as readonly unknown[]).includes(ctx.stage))
    return `\`context.stage\` must be one of ${STAGES.join(', ')}`;
  if (ctx.relation !== undefined && !(RELATIONS as readonly unknown[]).includes(ctx.relation))
    return `\`context.relation\` must be one of ${RELATIONS.join(', ')}`;
  if (!Array.isArray(o.violations)) return '`violations` must be a list';
  for (const c of o.violations)
    if (!(VIOLATION_CATEGORIES as readonly unknown[]).includes(c))
      return `violation \`${String(c)}\` is not one of ${VIOLATION_CATEGORIES.join(', ')}`;
  if (!Array.isArray(o.moves)) return '`moves` must be a list';
  for (const m of o.moves)
    if (typeof m !== 'string' || !moveIds.has(m)) return `move \`${String(m)}\` is not in content/rules/moves.yaml`;
  if (!(TONE_LABELS as readonly unknown[]).includes(o.tone)) return '`tone` must be polite, neutral or rude';
  if (typeof o.source !== 'string' || !o.source.trim()) return '`source` must say what the line was modelled on';
  if (!(METHODS as readonly unknown[]).includes(o.method)) return `\`method\` must be one of ${METHODS.join(', ')}`;
  return undefined;
}
