/**
 * `loadRulePacks`: YAML rule packs and move files → plain-JSON packs, moves and positioned diagnostics. Pure (no fs),
 * so the build plugin, the CLIs, the tests and the bench all call the same function. Never throws on author mistakes:
 * a broken rule is reported and dropped, the rest load.
 */
import { LineCounter, isMap, isScalar, parseDocument, type Node } from 'yaml';
import { didYouMean, locate, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { readGuards, readRule, readTestLines } from './read-rule.ts';
import { YamlReader } from './yaml-reader.ts';
import type { BankPolicy, ConceptForms, Lang, MoveDef, RuleDef, RulePack, ToneMarker } from './types.ts';

export interface LoadedRules {
  packs: RulePack[];
  moves: MoveDef[];
  /** The concept lexicon (plain JSON): rules have it expanded already; the classifiers read it as features. */
  concepts: ConceptForms;
  diagnostics: Diagnostic[];
}

interface Ref {
  rule: RuleDef;
  reader: YamlReader;
  node: Node;
}
interface MoveRef {
  move: MoveDef;
  reader: YamlReader;
  node: Node;
}

/**
 * Parses and validates every file; files holding `concepts:` define the concept lexicon (read first, so every
 * pattern may name a concept), files holding `moves:`/`elements:` define moves, the rest are rule packs.
 */
export function loadRulePacks(files: { file: string; text: string }[]): LoadedRules {
  const packs: RulePack[] = [];
  const refs: Ref[] = [];
  const moveRefs: MoveRef[] = [];
  const perFile: Diagnostic[][] = [];
  const parsed = files.map(({ file, text }) => {
    const diagnostics: Diagnostic[] = [];
    perFile.push(diagnostics);
    const r = new YamlReader(file, diagnostics);
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
    for (const e of doc.errors) r.report('yaml_syntax', [e.pos[0], e.pos[1]], e.message.split('\n')[0]);
    // The tree after a syntax error cannot be trusted.
    const root = doc.errors.length ? undefined : (doc.contents as Node | null);
    return { r, root, line: (offset: number) => lines.linePos(offset).line };
  });
  const concepts = new Map<string, Partial<Record<Lang, string[]>>>();
  for (const { r, root } of parsed) if (isMap(root) && root.has('concepts')) readConcepts(root, r, concepts);
  for (const { r, root, line } of parsed) {
    if (root === undefined || (isMap(root) && root.has('concepts'))) continue;
    r.concepts = concepts;
    if (isMap(root) && (root.has('moves') || root.has('elements'))) moveRefs.push(...readMoveFile(root, r, line));
    else {
      const pack = readPack(root, r, line, refs);
      if (pack) packs.push(pack);
    }
  }
  const moves = crossCheck(packs, moveRefs, refs);
  const diagnostics = perFile.flatMap((d, i) =>
    locate(
      files[i].text,
      d.sort((a, b) => a.start - b.start),
    ),
  );
  return { packs, moves, concepts: Object.fromEntries(concepts), diagnostics };
}

function readPack(root: Node | null, r: YamlReader, line: (o: number) => number, refs: Ref[]): RulePack | undefined {
  const f = r.map(root, 'a rule pack', [
    'pack',
    'jurisdiction',
    'title',
    'description',
    'defaults',
    'rules',
    'markers',
  ]);
  if (!f || !r.requireFields(f, ['pack', 'jurisdiction', 'title'], 'rule pack', root!)) return undefined;
  const id = r.string(f.get('pack')!.value, 'pack');
  const jurisdiction = r.oneOf(
    f.get('jurisdiction')!.value,
    'jurisdiction',
    ['CN', 'US', 'any'] as const,
    'unknown_jurisdiction',
  );
  const title = r.bilingual(f.get('title')!.value, 'title');
  if (!id || !jurisdiction || !title) return undefined;
  const pack: RulePack = { id, jurisdiction, title, rules: [], markers: [], file: r.file };
  const defaults = f.get('defaults')?.value;
  if (defaults) {
    const policy = readPolicy(defaults, r);
    if (policy) pack.defaults = { bank_policy: policy };
  }
  for (const node of r.list(f.get('rules')?.value ?? null, 'rules') ?? []) {
    const rule = readRule(node, r, id, line);
    if (!rule) continue;
    pack.rules.push(rule);
    refs.push({ rule, reader: r, node });
  }
  for (const node of f.has('markers') ? (r.list(f.get('markers')!.value, 'markers') ?? []) : []) {
    const marker = readMarker(node, r);
    if (marker) pack.markers.push(marker);
  }
  return pack;
}

function readPolicy(node: Node, r: YamlReader): BankPolicy | undefined {
  const f = r.map(node, 'defaults', ['bank_policy']);
  const p = r.map(
    f?.get('bank_policy')?.value,
    'defaults.bank_policy',
    ['sues', 'field_visits', 'reports_to_bureau', 'call_window'],
    node,
  );
  if (!p || !r.requireFields(p, ['sues', 'field_visits', 'reports_to_bureau', 'call_window'], 'bank_policy', node))
    return undefined;
  const window = r.string(p.get('call_window')!.value, 'call_window');
  if (window && !/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/.test(window))
    return r.report(
      'invalid_value',
      p.get('call_window')!.value,
      `call_window \`${window}\` must look like 08:00-22:00`,
    );
  const sues = r.boolean(p.get('sues')!.value, 'sues');
  const field_visits = r.boolean(p.get('field_visits')!.value, 'field_visits');
  const reports_to_bureau = r.boolean(p.get('reports_to_bureau')!.value, 'reports_to_bureau');
  if (window === undefined || sues === undefined || field_visits === undefined || reports_to_bureau === undefined)
    return undefined;
  return { sues, field_visits, reports_to_bureau, call_window: window };
}

function readMarker(node: Node, r: YamlReader): ToneMarker | undefined {
  const before = r.errors;
  const f = r.map(node, 'a tone marker', ['id', 'delta', 'reason', 'patterns', 'guards']);
  if (!f || !r.requireFields(f, ['id', 'delta', 'reason', 'patterns'], 'tone marker', node)) return undefined;
  const marker = {
    id: r.string(f.get('id')!.value, 'marker id'),
    delta: r.number(f.get('delta')!.value, 'delta'),
    reason: r.bilingual(f.get('reason')!.value, 'reason'),
    patterns: r.patterns(f.get('patterns')!.value, 'patterns'),
    // "我们不会说您是老赖" is not an insult and "I don't understand" is not empathy: negation applies by default.
    guards: f.has('guards') ? readGuards(f.get('guards')!.value, r) : ['negation', 'quotation'],
  };
  return r.errors === before ? (marker as ToneMarker) : undefined;
}

/** `concepts: {name: {zh: [forms], en: [forms], note}}`; each form is a pattern fragment checked like a pattern. */
function readConcepts(root: Node, r: YamlReader, into: Map<string, Partial<Record<Lang, string[]>>>): void {
  const f = r.map(root, 'a concepts file', ['concepts', 'description']);
  const list = f?.get('concepts')?.value;
  if (!isMap(list)) {
    r.report('invalid_type', list ?? root, '`concepts` must be a mapping of concept names to their forms');
    return;
  }
  for (const pair of list.items as Array<{ key: Node; value: Node | null }>) {
    const name = isScalar(pair.key) ? String(pair.key.value) : '';
    if (!/^[a-z][a-z0-9_]*$/.test(name)) {
      r.report('invalid_id', pair.key, `concept name \`${name}\` must be lowercase letters, digits or _`);
      continue;
    }
    if (into.has(name)) {
      r.report('duplicate_id', pair.key, `concept \`${name}\` is defined twice`);
      continue;
    }
    const forms = r.map(pair.value, `concept ${name}`, ['zh', 'en', 'note']);
    if (!forms) continue;
    const out: Partial<Record<Lang, string[]>> = {};
    for (const lang of ['zh', 'en'] as const) {
      const node = forms.get(lang)?.value;
      if (node === undefined) continue;
      out[lang] = (r.list(node, `concept ${name}.${lang}`) ?? []).flatMap((item) => {
        const src = r.string(item, `a form of concept ${name}`);
        if (src !== undefined && /\{[a-z]/.test(src))
          return r.report('invalid_value', item, `a concept form cannot name another concept (\`${src}\`)`) ?? [];
        if (src !== undefined && /\(\?<(?![=!])/.test(src))
          return (
            r.report(
              'invalid_value',
              item,
              `a concept form cannot name a group (\`${src}\`)`,
              'Lookbehinds (?<= and (?<! are fine; a named group belongs in the rule',
            ) ?? []
          );
        const ok = src === undefined ? undefined : r.pattern(src, item, lang);
        return ok === undefined ? [] : [ok];
      });
    }
    into.set(name, out);
  }
}

function readMoveFile(root: Node, r: YamlReader, line: (o: number) => number): MoveRef[] {
  const f = r.map(root, 'a moves file', ['moves', 'elements', 'description']);
  const out: MoveRef[] = [];
  for (const kind of ['move', 'element'] as const)
    for (const node of f?.has(`${kind}s`) ? (r.list(f.get(`${kind}s`)!.value, `${kind}s`) ?? []) : []) {
      const before = r.errors;
      const m = r.map(node, `a ${kind}`, ['id', 'label', 'patterns', 'except', 'guards', 'examples', 'description']);
      if (!m || !r.requireFields(m, ['id', 'label', 'patterns', 'examples'], kind, node)) continue;
      const def = {
        id: r.string(m.get('id')!.value, `${kind} id`),
        kind,
        label: r.bilingual(m.get('label')!.value, 'label'),
        patterns: r.patterns(m.get('patterns')!.value, 'patterns'),
        except: m.has('except') ? r.patterns(m.get('except')!.value, 'except') : {},
        guards: m.has('guards') ? readGuards(m.get('guards')!.value, r) : [],
        examples: readTestLines(m.get('examples')!.value, r, 'examples'),
        file: r.file,
        line: line(node.range?.[0] ?? 0),
      };
      if (r.errors === before) out.push({ move: def as MoveDef, reader: r, node });
    }
  return out;
}

/** Ids must be unique across files, and rules may only name moves/elements that exist; offenders are dropped. */
function crossCheck(packs: RulePack[], moveRefs: MoveRef[], refs: Ref[]): MoveDef[] {
  const moves: MoveDef[] = [];
  const seenMoves = new Set<string>();
  for (const { move, reader, node } of moveRefs) {
    const key = `${move.kind}:${move.id}`;
    if (seenMoves.has(key)) reader.report('duplicate_id', idNode(node), `${move.kind} \`${move.id}\` is defined twice`);
    else moves.push(move);
    seenMoves.add(key);
  }
  const dropped = new Set<RuleDef>();
  const seen = new Set<string>();
  for (const { rule, reader, node } of refs) {
    if (seen.has(rule.id)) {
      reader.report(
        'duplicate_id',
        idNode(node),
        `rule \`${rule.id}\` is defined twice`,
        'Rule ids are unique across all packs',
      );
      dropped.add(rule);
    }
    seen.add(rule.id);
    for (const field of ['moves', 'elements'] as const) {
      const known = new Set(moves.filter((m) => m.kind === (field === 'moves' ? 'move' : 'element')).map((m) => m.id));
      const missing = rule[field].filter((id) => !known.has(id));
      if (!missing.length) continue;
      const at = isMap(node) ? (node.get(field, true) as Node) : node;
      const guess = didYouMean(missing[0], known);
      reader.report(
        field === 'moves' ? 'unknown_move' : 'unknown_element',
        at,
        `rule \`${rule.id}\` names unknown ${field}: ${missing.join(', ')}`,
        guess ? `Did you mean \`${guess}\`?` : undefined,
      );
      dropped.add(rule);
    }
  }
  for (const pack of packs) pack.rules = pack.rules.filter((rule) => !dropped.has(rule));
  return moves;
}

function idNode(node: Node): Node {
  return isMap(node) ? ((node.get('id', true) as Node) ?? node) : node;
}
