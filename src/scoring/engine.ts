/**
 * `createEngine`: compiles the JSON packs once (patterns → RegExps, rules grouped by language and jurisdiction) and
 * returns an engine whose `assess` is a small dispatch on each rule's kind.
 */
import { callCheckFails } from './call-level.ts';
import { maskQuoted } from './guards.ts';
import { compileConditions, conditionsHold, resolveContext, type CompiledConditions } from './context.ts';
import {
  anyMatch,
  compilePatterns,
  findHit,
  forEachMatch,
  indexAnchors,
  prefilterKey,
  type CompiledPattern,
  type Hit,
  type PrefilterTable,
  type Subject,
} from './matcher.ts';
import { normalize, originalSpan, type Normalized } from '../language/normalize.ts';
import type { AnchorIndex } from './prefilter.ts';
import { compileMarkers, scoreTone, type CompiledMarker } from './tone.ts';
import { Classifier } from '../language/classifier.ts';
import { conceptHash, conceptPairHash, ruleMoveHash, spellingCues, type Mark } from '../language/features.ts';
import { CONFIDENT, decideMoves, modelFindings, modelTone, NOTE, RuleAttributor, type ModelView } from './model.ts';
import type {
  AssessOptions,
  Assessment,
  ConceptForms,
  Finding,
  Jurisdiction,
  Lang,
  Models,
  MoveDef,
  MoveHit,
  RuleDef,
  RulePack,
  ScoringContext,
  ScoringEngine,
} from './types.ts';

interface CompiledRule {
  rule: RuleDef;
  patterns: CompiledPattern[];
  except: CompiledPattern[];
  requires: CompiledPattern[];
  when: CompiledConditions;
  unless: CompiledConditions;
}
interface CompiledMove {
  move: MoveDef;
  patterns: CompiledPattern[];
  except: CompiledPattern[];
}
interface LangTables {
  rules: Record<Jurisdiction, CompiledRule[]>;
  moves: CompiledMove[];
  elements: CompiledMove[];
  markers: CompiledMarker[];
  /** The concept lexicon's forms, one compiled alternation per concept, for the classifiers' concept features. */
  concepts: Array<{ name: string; hash: number; patterns: CompiledPattern[] }>;
  anchors: AnchorIndex;
}

const WORDLIKE = /[\p{L}\p{N}]/u;

/** Distinct concepts in one line from which pairs are formed (a long line does not make pairs quadratic). */
const MAX_PAIRED_CONCEPTS = 12;

const SEVERITY_ORDER = { critical: 0, major: 1, minor: 2 } as const;

/**
 * Builds an engine from packs and moves as produced by `loadRulePacks` (or their JSON round-trip), and the trained
 * classifiers when given (without them the engine is the rules alone).
 */
export function createEngine(data: {
  packs: RulePack[];
  moves: MoveDef[];
  concepts?: ConceptForms;
  models?: Models;
  prefilters?: PrefilterTable;
}): ScoringEngine {
  const { packs, moves } = data;
  const rules = packs.flatMap((p) => p.rules.map((rule) => ({ rule, jurisdiction: p.jurisdiction })));
  const tables = { zh: compileTables('zh'), en: compileTables('en') };
  const classifiers: Partial<Record<Lang, Classifier>> = {};
  for (const lang of ['zh', 'en'] as const) {
    const m = data.models?.[lang];
    if (!m) continue;
    const missing = (m.concepts ?? []).filter((name) => !data.concepts?.[name]?.[lang]?.length);
    if (missing.length)
      throw new Error(
        `the ${lang} model was trained with concepts the rules do not define (${missing.slice(0, 5).join(', ')}): pass the rules' concepts, or run npm run train`,
      );
    classifiers[lang] = new Classifier(m);
  }
  const attributor = new RuleAttributor(rules.map((r) => r.rule));

  function compileTables(lang: Lang): LangTables {
    // Each rule is compiled once per language; `any` packs then appear in both jurisdictions' lists.
    const compiled = new Map<RuleDef, CompiledRule>();
    const compileRule = (rule: RuleDef): CompiledRule => ({
      rule,
      patterns: compilePatterns(rule.patterns, lang, data.prefilters),
      except: compilePatterns(rule.except, lang, data.prefilters),
      requires: compilePatterns(rule.requires, lang, data.prefilters),
      when: compileConditions(rule.when),
      unless: compileConditions(rule.unless),
    });
    for (const { rule } of rules) compiled.set(rule, compileRule(rule));
    const forJurisdiction = (j: Jurisdiction) =>
      rules
        .filter((r) => r.jurisdiction === 'any' || r.jurisdiction === j)
        .map(({ rule }) => compiled.get(rule)!)
        // A text rule without patterns in this language cannot fire in it.
        .filter((c) => c.rule.kind !== 'pattern' || c.patterns.length > 0);
    const compileMove = (move: MoveDef) => ({
      move,
      patterns: compilePatterns(move.patterns, lang, data.prefilters),
      except: compilePatterns(move.except, lang, data.prefilters),
    });
    const t = {
      rules: { CN: forJurisdiction('CN'), US: forJurisdiction('US') },
      moves: moves
        .filter((m) => m.kind === 'move')
        .map(compileMove)
        .filter((m) => m.patterns.length),
      elements: moves
        .filter((m) => m.kind === 'element')
        .map(compileMove)
        .filter((m) => m.patterns.length),
      markers: compileMarkers(
        packs.flatMap((p) => p.markers),
        lang,
        data.prefilters,
      ),
      concepts: Object.keys(data.concepts ?? {})
        .sort()
        .map((name) => ({
          name,
          hash: conceptHash(name),
          patterns: compilePatterns({ [lang]: data.concepts![name][lang] ?? [] }, lang, data.prefilters),
        }))
        .filter((c) => c.patterns.length),
    };
    // Except-patterns run on one sentence, not on the line, so they keep the plain `includes` prefilter.
    const lineLevel = [
      ...new Set([...t.rules.CN, ...t.rules.US].flatMap((c) => [...c.patterns, ...c.requires])),
      ...[...t.moves, ...t.elements].flatMap((m) => m.patterns),
      ...t.markers.flatMap((m) => m.patterns),
      ...t.concepts.flatMap((c) => c.patterns),
    ];
    return { ...t, anchors: indexAnchors(lineLevel) };
  }

  /**
   * `subject` is what patterns run on: the normalised line (src/language). A hit there is mapped back through `norm`
   * to the trainee's own characters, which evidence always quotes from `text`.
   */
  function detect(
    text: string,
    subject: Subject,
    norm: Normalized,
    lang: Lang,
    defs: readonly CompiledMove[],
    marks?: Mark[],
  ): MoveHit[] {
    const hits: MoveHit[] = [];
    for (const { move, patterns, except } of defs) {
      const found = findHit(subject, lang, patterns, move.guards, except);
      if (!found) continue;
      // The classifier hears what the move patterns heard, where they heard it (so its decision stays traceable).
      marks?.push({ hash: ruleMoveHash(move.id), start: found.start, end: found.end });
      const hit = original(norm, found)!;
      hits.push({ move: move.id, start: hit.start, end: hit.end, evidence: text.slice(hit.start, hit.end) });
    }
    return hits.sort((a, b) => a.start - b.start);
  }

  function original(norm: Normalized, hit: Hit | undefined): Hit | undefined {
    return hit && originalSpan(norm, hit.start, hit.end);
  }

  function finding(rule: RuleDef, lang: Lang, text: string, hit: Hit, extra = ''): Finding {
    return {
      rule: rule.id,
      category: rule.category,
      severity: rule.severity,
      start: hit.start,
      end: hit.end,
      quote: text.slice(hit.start, hit.end),
      message: rule.message[lang] + extra,
      better: rule.better[lang],
      sources: rule.sources,
    };
  }

  const NO_SPAN: Hit = { start: 0, end: 0 };

  function evaluate(
    c: CompiledRule,
    text: string,
    subject: Subject,
    norm: Normalized,
    lang: Lang,
    ctx: ScoringContext,
    moveHits: MoveHit[],
    elements: string[],
    options: AssessOptions,
  ): Finding | undefined {
    const { rule } = c;
    switch (rule.kind) {
      case 'pattern': {
        const hit = original(norm, findHit(subject, lang, c.patterns, rule.guards, c.except));
        return hit && finding(rule, lang, text, hit);
      }
      case 'move': {
        // Extra `patterns` catch what the move vocabulary should not learn ("就是他信用卡的一点小事" hints at the
        // debt only when said about someone else), and keep the move rule's category and severity.
        const move =
          moveHits.find((m) => rule.moves.includes(m.move) && m.confidence === undefined) ??
          moveHits.find((m) => rule.moves.includes(m.move));
        const hit = move ?? original(norm, findHit(subject, lang, c.patterns, rule.guards, c.except));
        if (!hit) return undefined;
        // Resting on a move only the model heard, the finding is the model's: below the bar a mentor decides.
        if (move?.confidence === undefined) return finding(rule, lang, text, hit);
        const f = finding(rule, lang, text, hit, NOTE[lang](move.confidence, [move.evidence]));
        return {
          ...f,
          origin: 'model',
          confidence: move.confidence,
          ...(move.confidence < CONFIDENT ? { review: true as const } : {}),
        };
      }
      case 'missing': {
        const hit =
          original(norm, findHit(subject, lang, c.patterns, rule.guards, c.except)) ??
          moveHits.find((m) => rule.moves.includes(m.move));
        return hit && !anyMatch(subject, c.requires) ? finding(rule, lang, text, hit) : undefined;
      }
      case 'call':
        // `except` names the lines that do what the situation asks (asking for the attorney's number, ending the call):
        // the fact of the call stays, but such a line is not where it goes wrong.
        return options.callLevel !== false &&
          callCheckFails(rule.check!, ctx, rule.max, rule.window) &&
          !anyMatch(subject, c.except)
          ? finding(rule, lang, text, NO_SPAN)
          : undefined;
      case 'elements': {
        // Only what is still due: an element said earlier in the call (or held back by the scenario) is not asked again.
        const due = rule.elements.filter((e) => !options.covered?.includes(e));
        const missing = due.filter((e) => !elements.includes(e));
        if (missing.length === 0 || missing.length === due.length) return undefined;
        const labels = missing.map((id) => moves.find((m) => m.kind === 'element' && m.id === id)?.label[lang] ?? id);
        return finding(
          rule,
          lang,
          text,
          NO_SPAN,
          `${lang === 'zh' ? '缺少：' : ' Missing: '}${labels.join(lang === 'zh' ? '、' : ', ')}`,
        );
      }
    }
  }

  /** The concepts heard in the normalised line, each where it was heard, and each pair of them (spanning both). */
  function conceptMarks(subject: Subject, t: LangTables): Mark[] {
    const marks: Mark[] = [];
    const heard: Array<{ name: string; start: number; end: number }> = [];
    for (const c of t.concepts) {
      let first = true;
      forEachMatch(subject, c.patterns, (start, end) => {
        marks.push({ hash: c.hash, start, end });
        if (first) heard.push({ name: c.name, start, end });
        first = false;
      });
    }
    const paired = heard.slice(0, MAX_PAIRED_CONCEPTS);
    for (let i = 0; i < paired.length; i++)
      for (let j = i + 1; j < paired.length; j++) {
        const [a, b] = [paired[i], paired[j]];
        marks.push({
          hash: conceptPairHash(a.name, b.name),
          start: Math.min(a.start, b.start),
          end: Math.max(a.end, b.end),
        });
      }
    return marks;
  }

  /**
   * What every reading of a line starts from: its context, the normalised text with its prefilter scan, and the move
   * patterns' hits. With `forModel`, also what the classifiers read (the concept and move marks, the spelling cues);
   * `assess` and `modelInput` both come through here, so training sees exactly what scoring computes.
   */
  function hear(text: string, lang: Lang, partial: Partial<ScoringContext> | undefined, forModel: boolean) {
    const ctx = resolveContext(lang, partial, packs);
    const t = tables[lang];
    const norm = normalize(text, lang);
    const subject: Subject = { text: norm.text, present: t.anchors.scan(norm.text) };
    const marks = forModel ? conceptMarks(subject, t) : undefined;
    const ruleMoves = detect(text, subject, norm, lang, t.moves, marks);
    // The classifiers read the trainee's own words: reported speech is masked (offsets kept) and its concepts dropped.
    const read = maskQuoted(norm.text);
    const input = marks && {
      text: read,
      ctx,
      extra: spellingCues(text),
      marks: marks.filter((m) => read[m.start] === norm.text[m.start]),
    };
    return { ctx, t, norm, subject, ruleMoves, input };
  }

  function modelInput(text: string, lang: Lang, partial?: Partial<ScoringContext>) {
    return hear(text, lang, partial, true).input!;
  }

  /** The elements the line covers: heard by the element patterns, or in the caller's own words (`options.own`). */
  function elementsOf(
    text: string,
    subject: Subject,
    norm: Normalized,
    lang: Lang,
    t: LangTables,
    own: AssessOptions['own'],
  ): string[] {
    const heard = detect(text, subject, norm, lang, t.elements).map((e) => e.move);
    for (const [id, words] of Object.entries(own ?? {})) {
      if (heard.includes(id)) continue;
      if (words?.some((w) => w.trim() && norm.text.includes(normalize(w.trim(), lang).text))) heard.push(id);
    }
    return heard;
  }

  function assess(
    text: string,
    lang: Lang,
    partial?: Partial<ScoringContext>,
    options: AssessOptions = {},
  ): Assessment {
    // A line without a word (empty, spaces, "……", an emoji) gives the model nothing but its priors and the context:
    // it must not hear moves or violations in silence.
    const clf = WORDLIKE.test(text) ? classifiers[lang] : undefined;
    const { ctx, t, norm, subject, ruleMoves, input } = hear(text, lang, partial, !!clf);
    const tone = scoreTone(subject, lang, t.markers);
    const view: ModelView | undefined = clf &&
      input && {
        clf,
        prepared: norm,
        read: input.text,
        ctx,
        p: clf.score(input.text, ctx, input.extra, input.marks).slice(),
      };
    const moveHits = view ? decideMoves(view, text, ruleMoves) : ruleMoves;
    const elements = elementsOf(text, subject, norm, lang, t, options.own);
    const findings: Finding[] = [];
    const applicable: RuleDef[] = [];
    for (const c of t.rules[ctx.jurisdiction]) {
      if (!conditionsHold(ctx, c.when, c.unless)) continue;
      applicable.push(c.rule);
      const f = evaluate(c, text, subject, norm, lang, ctx, moveHits, elements, options);
      if (f) findings.push(f);
    }
    if (view) findings.push(...modelFindings(view, text, lang, findings, applicable, attributor));
    findings.sort((a, b) => a.start - b.start || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
    for (const r of tone.reasons)
      if (r.start !== undefined && r.end !== undefined) Object.assign(r, originalSpan(norm, r.start, r.end));
    return { findings, tone: view ? modelTone(view, findings, tone) : tone, moves: moveHits, elements };
  }

  return {
    rules: rules.map((r) => r.rule),
    moves,
    assess,
    modelInput,
    prefilters() {
      const table: PrefilterTable = {};
      for (const t of [tables.zh, tables.en]) {
        const all = [...t.rules.CN, ...t.rules.US].flatMap((c) => [...c.patterns, ...c.except, ...c.requires]);
        for (const p of [
          ...all,
          ...[...t.moves, ...t.elements].flatMap((m) => [...m.patterns, ...m.except]),
          ...t.markers.flatMap((m) => m.patterns),
          ...t.concepts.flatMap((c) => c.patterns),
        ])
          table[prefilterKey(p.source)] = p.anchors ?? null;
      }
      return table;
    },
    resolveContext: (lang, partial) => resolveContext(lang, partial, packs),
    callLevelFindings(partial, lang) {
      const ctx = resolveContext(lang, partial, packs);
      return tables[lang].rules[ctx.jurisdiction]
        .filter(
          (c) =>
            c.rule.kind === 'call' &&
            conditionsHold(ctx, c.when, c.unless) &&
            callCheckFails(c.rule.check!, ctx, c.rule.max, c.rule.window),
        )
        .map((c) => finding(c.rule, lang, '', NO_SPAN));
    },
  };
}
