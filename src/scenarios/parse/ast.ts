/** The raw syntax tree of a script body: every value keeps its source span; nothing is validated yet. */
import type { Span } from '../report.ts';

export interface RawValue {
  text: string;
  span: Span;
}

/** A RawValue that is its own span. */
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

/** A RawEffect that is its own variable name (text and span). */
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
  /** null for the fallback (`else` / `否则`). */
  when: CondAst | null;
  target: RawValue;
  effects: RawEffect[];
  /** The item is its own span (from its `- `). */
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
}
