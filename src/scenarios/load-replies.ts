/**
 * `loadReplies`: the persona reply repertoires (content/replies/*.yaml) → plain JSON and positioned diagnostics, and
 * `repliesFor`, which resolves them for one scenario (its language, its archetype, its per-node overrides). Pure (no
 * fs): the build plugin, the CLIs and the tests call the same functions. Never throws on author mistakes.
 */
import { isMap, isScalar, parseDocument, type Node, type Pair } from 'yaml';
import { didYouMean, lineColumn, lineStarts, locate, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { YamlReader } from '../scoring/yaml-reader.ts';
import {
  ARCHETYPES,
  MOODS,
  REPLY_INTENTS,
  type Archetype,
  type Mood,
  type NodeReplies,
  type Replies,
  type ReplyIntent,
  type ReplyLine,
  type Scenario,
} from './ir.ts';

type IntentLines = Partial<Record<ReplyIntent, ReplyLine[]>>;

/** One language's repertoire as authored. */
export interface LangRepertoire {
  default: IntentLines;
  archetypes: Partial<Record<Archetype, IntentLines>>;
  /** Scenario id → node id → overrides, with where each scenario and node was written (for `checkReplyTargets`). */
  scenarios: Record<string, { nodes: Record<string, NodeReplies & { at: At }>; file: string; at: At }>;
}
export type Repertoire = Partial<Record<'zh' | 'en', LangRepertoire>>;

/** Where a key was written: offsets plus line and column, so a later check can report it without the source. */
type At = { start: number; end: number; line: number; column: number };

const SLOTS = ['caller', 'callback', 'identifier'];
const MOOD_TAG = /^\s*[[【](\w+|平静|不耐烦|生气|友好|热情)[\]】]\s*/u;
const MOOD_ZH: Record<string, Mood> = { 平静: 'calm', 不耐烦: 'annoyed', 生气: 'annoyed', 友好: 'warm', 热情: 'warm' };

/** Parses every repertoire file; a file's `lang:` says which language it adds lines to. */
export function loadReplies(files: { file: string; text: string }[]): {
  repertoire: Repertoire;
  diagnostics: Diagnostic[];
} {
  const repertoire: Repertoire = {};
  const diagnostics: Diagnostic[] = [];
  for (const { file, text } of files) {
    const found: Diagnostic[] = [];
    const r = new YamlReader(file, found);
    const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
    for (const e of doc.errors) r.report('yaml_syntax', [e.pos[0], e.pos[1]], e.message.split('\n')[0]);
    const root = doc.errors.length ? undefined : (doc.contents as Node | null);
    const starts = lineStarts(text);
    const at = (node: Node): At => {
      const [start, end] = node.range ? [node.range[0], node.range[1]] : [0, 0];
      return { start, end, ...lineColumn(starts, start) };
    };
    if (root !== undefined) readFile(root, r, repertoire, at);
    diagnostics.push(...locate(text, found));
  }
  return { repertoire, diagnostics };
}

function readFile(root: Node | null, r: YamlReader, out: Repertoire, at: (node: Node) => At): void {
  const f = r.map(root, 'a reply repertoire', ['lang', 'default', 'archetypes', 'scenarios']);
  if (!f || !r.requireFields(f, ['lang'], 'reply repertoire', root!)) return;
  const lang = r.oneOf(f.get('lang')!.value, 'lang', ['zh', 'en'] as const, 'unknown_lang');
  if (!lang) return;
  const rep = (out[lang] ??= { default: {}, archetypes: {}, scenarios: {} });
  if (f.get('default')?.value) Object.assign(rep.default, readIntents(f.get('default')!.value, r, 'default'));
  for (const [key, value] of pairs(f.get('archetypes')?.value, r, 'archetypes')) {
    const name = String(key.value);
    if (!(ARCHETYPES as readonly string[]).includes(name)) {
      const guess = didYouMean(name, ARCHETYPES);
      r.report(
        'unknown_archetype',
        key,
        `unknown archetype \`${name}\``,
        guess ? `Did you mean \`${guess}\`?` : `Known: ${ARCHETYPES.join(', ')}`,
      );
      continue;
    }
    rep.archetypes[name as Archetype] = {
      ...rep.archetypes[name as Archetype],
      ...readIntents(value, r, `archetype ${name}`),
    };
  }
  for (const [key, value] of pairs(f.get('scenarios')?.value, r, 'scenarios')) {
    const id = String(key.value);
    const nodes: LangRepertoire['scenarios'][string]['nodes'] = {};
    for (const [nodeKey, nodeValue] of pairs(value, r, `scenario ${id}`)) {
      nodes[String(nodeKey.value)] = { ...readNode(nodeValue, r, `node ${String(nodeKey.value)}`), at: at(nodeKey) };
    }
    rep.scenarios[id] = { nodes, file: r.file, at: at(key) };
  }
}

/** The key/value pairs of a mapping (reporting anything else); empty for a missing section. */
function pairs(node: Node | null | undefined, r: YamlReader, what: string): [Node & { value: unknown }, Node | null][] {
  if (node === undefined || node === null) return [];
  if (!isMap(node)) return r.report('invalid_type', node, `${what} must be a mapping`) ?? [];
  return (node.items as Pair<Node, Node | null>[])
    .filter((p) => isScalar(p.key))
    .map((p) => [p.key as Node & { value: unknown }, p.value]);
}

function readIntents(node: Node | null, r: YamlReader, what: string): IntentLines {
  return readIntentPairs(pairs(node, r, what), r, what);
}

function readIntentPairs(list: [Node & { value: unknown }, Node | null][], r: YamlReader, what: string): IntentLines {
  const out: IntentLines = {};
  for (const [key, value] of list) {
    const name = String(key.value);
    if (!(REPLY_INTENTS as readonly string[]).includes(name)) {
      const guess = didYouMean(name, REPLY_INTENTS);
      r.report(
        'unknown_reply_intent',
        key,
        `unknown reply \`${name}\` in ${what}`,
        guess ? `Did you mean \`${guess}\`?` : `Known: ${REPLY_INTENTS.join(', ')}`,
      );
      continue;
    }
    const lines = readLines(value, r, `${what}.${name}`);
    if (lines) out[name as ReplyIntent] = lines;
  }
  return out;
}

/** A node's overrides: intents, plus `after <move or element>` lines that replace its scripted line. */
function readNode(node: Node | null, r: YamlReader, what: string): NodeReplies {
  const out: NodeReplies = { intents: {}, after: {} };
  for (const [key, value] of pairs(node, r, what)) {
    const name = String(key.value);
    const after = /^after\s+([a-z_]+)$/.exec(name);
    if (after) {
      const lines = readLines(value, r, `${what}.${name}`);
      if (lines) out.after[after[1]] = lines;
    } else Object.assign(out.intents, readIntentPairs([[key, value]], r, what));
  }
  return out;
}

function readLines(node: Node | null, r: YamlReader, what: string): ReplyLine[] | undefined {
  const items = r.list(node, what);
  if (!items) return undefined;
  const out: ReplyLine[] = [];
  for (const item of items) {
    const text = r.string(item, `a line of ${what}`);
    if (!text) continue;
    const tag = MOOD_TAG.exec(text);
    const mood = tag ? ((MOODS as readonly string[]).includes(tag[1]) ? (tag[1] as Mood) : MOOD_ZH[tag[1]]) : null;
    if (tag && !mood) {
      r.report('unknown_mood', item, `unknown mood \`[${tag[1]}]\``, `Use [calm], [annoyed] or [warm].`);
      continue;
    }
    for (const m of text.matchAll(/\{(\w*)\}/gu)) {
      if (!SLOTS.includes(m[1]))
        r.report(
          'unknown_reply_slot',
          item,
          `unknown slot \`{${m[1]}}\` in ${what}`,
          `Replies can repeat \`{caller}\` (the trainee's name) and \`{callback}\` (the number left); \`{identifier}\` is the cardholder's answer to an identifier question.`,
        );
    }
    out.push({ mood: mood ?? null, text: tag ? text.slice(tag[0].length) : text });
  }
  return out;
}

/** `repertoire` resolved for `scenario`: its archetype's lines over the language's defaults, and its node overrides. */
export function repliesFor(repertoire: Repertoire, scenario: Pick<Scenario, 'id' | 'lang' | 'persona'>): Replies {
  const rep = repertoire[scenario.lang];
  if (!rep) return { intents: {}, nodes: {} };
  const nodes: Record<string, NodeReplies> = {};
  for (const [id, n] of Object.entries(rep.scenarios[scenario.id]?.nodes ?? {}))
    nodes[id] = { intents: n.intents, after: n.after };
  return { intents: { ...rep.default, ...rep.archetypes[scenario.persona.archetype] }, nodes };
}

/**
 * Overrides that name a scenario or node that does not exist (warnings, with did-you-mean). With `partial` (only some
 * scripts were compiled), overrides of scenarios not among `scenarios` are not reported.
 */
export function checkReplyTargets(
  repertoire: Repertoire,
  scenarios: readonly Pick<Scenario, 'id' | 'lang' | 'nodes'>[],
  partial = false,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [lang, rep] of Object.entries(repertoire)) {
    for (const [id, s] of Object.entries(rep?.scenarios ?? {})) {
      const scenario = scenarios.find((x) => x.id === id && x.lang === lang);
      const warn = (code: string, at: At, message: string, hint: string) =>
        out.push({ code, severity: 'warning', message, hint, file: s.file, ...at });
      if (!scenario && partial) continue;
      if (!scenario) {
        const guess = didYouMean(
          id,
          scenarios.filter((x) => x.lang === lang).map((x) => x.id),
        );
        warn(
          'unknown_reply_scenario',
          s.at,
          `no ${lang} scenario \`${id}\` for these replies`,
          guess ? `Did you mean \`${guess}\`?` : 'Use the id in the script’s front matter.',
        );
        continue;
      }
      for (const [node, n] of Object.entries(s.nodes)) {
        if (scenario.nodes.some((x) => x.id === node)) continue;
        const guess = didYouMean(
          node,
          scenario.nodes.map((x) => x.id),
        );
        warn(
          'unknown_reply_node',
          n.at,
          `scenario \`${id}\` has no node \`${node}\``,
          guess ? `Did you mean \`${guess}\`?` : 'Use the id after `#` in the node heading.',
        );
      }
    }
  }
  return out;
}
