/** The raw syntax tree of a script body: every value keeps its source span; nothing is validated yet. */
import type { Span } from '../report.ts';

export interface RawValue {
  text: string;
  span: Span;
}

/** A RawValue that is its own span: one object instead of two, which matters for 1,000-node scripts' GC time. */
export class Raw implements RawValue {
  constructor(
    readonly text: string,
    readonly start: number,
    readonly end: number,
  ) {}
  get span(): Span {
    return this;
  }
}

export type CondAst =
  | { kind: 'word'; word: RawValue }
  | { kind: 'move'; word: RawValue }
  | { kind: 'tone'; value: RawValue }
  | { kind: 'finding'; value: RawValue }
  | { kind: 'state'; var: RawValue; op: '>=' | '>' | '<=' | '<' | '==' | '!='; value: number }
  | { kind: 'complete' }
  | { kind: 'silence' }
  | { kind: 'and'; all: CondAst[] }
  | { kind: 'or'; any: CondAst[] }
  | { kind: 'not'; cond: CondAst };

export interface RawEffect {
  var: RawValue;
  op: 'add' | 'set';
  value: number;
}

/** A RawEffect that is its own variable name (text and span): one object per effect instead of two. */
export class RawEffectItem extends Raw implements RawEffect {
  constructor(
    text: string,
    start: number,
    end: number,
    readonly op: 'add' | 'set',
    readonly value: number,
  ) {
    super(text, start, end);
  }
  get var(): RawValue {
    return this;
  }
}

export interface RawBranch {
  /**
   * null for the fallback (`else` / `否则`). Branches whose conditions read the same share one tree (see
   * `ConditionCache`): its spans are then those of the first such branch, and `whenShared` is set.
   */
  when: CondAst | null;
  whenShared: boolean;
  /** Where this branch's own condition text is (`[whenStart, whenEnd)`), to read it again at its own position. */
  whenStart: number;
  whenEnd: number;
  target: RawValue;
  effects: RawEffect[];
  /** The item is its own span (from its `- `): no span object per branch. */
  start: number;
  end: number;
  /** 1-based source line (known while scanning, so nothing maps offsets back to lines). */
  line: number;
}

export interface RawOption {
  /** Canonical (`good`, `ok`, `bad`): only its text is ever read, so it is not a value with a span. */
  quality: string;
  text: RawValue;
  target: RawValue | null;
  effects: RawEffect[];
  feedback: RawValue | null;
  /** The item is its own span (from its `- `). */
  start: number;
  end: number;
  line: number;
}

export interface RawPersonaLine {
  mood: RawValue | null;
  text: RawValue;
  line: number;
}

export interface RawNode {
  id: string;
  idSpan: Span;
  title: string;
  heading: Span;
  /** 1-based line of the heading. */
  line: number;
  /** Canonical field name → value (stage, party, verifies, reveals, effects, expect, model, why, end). */
  fields: Record<string, RawValue>;
  /** 1-based line of the (last) `model:` field, 0 when there is none. */
  modelLine: number;
  lines: RawPersonaLine[];
  options: RawOption[];
  branches: RawBranch[];
  notes: string[];
}

export interface RawBody {
  briefing: string;
  nodes: RawNode[];
  /** Condition trees and effect lists the parser handed to more than one branch or option (see `ConditionCache`). */
  reused: Reused;
}

export interface Reused {
  conditions: ReadonlySet<CondAst>;
  effects: ReadonlySet<RawEffect[]>;
}
