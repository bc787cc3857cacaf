/** Seeds finished calls through the storage repositories, as the practice screen would have stored them. */
import { vi } from 'vitest';
import type { Category, Finding, Severity } from '../../src/scoring/types.ts';
import {
  completeAttempt,
  createProfile,
  recordPersonaTurn,
  recordTraineeTurn,
  saveRecord,
  startAttempt,
  type CallDojoDb,
  type Mode,
  type RecordCheck,
} from '../../src/storage/index.ts';

export const TIGHT_MONEY = {
  id: 'zh-first-contact-tight-money',
  title: '首次联系：手头紧的张先生',
  lang: 'zh' as const,
};
export const EN_FIRST = { id: 'en-first-contact', title: 'First contact', lang: 'en' as const };

let clock = Date.UTC(2026, 10, 2, 9, 0);

/** A fresh trainee with a unique staff number. */
export function trainee(db: CallDojoDb, name = '王小明') {
  return createProfile(db, { name, staffNo: `T${Math.floor(Math.random() * 1e9)}` });
}

/** A finding the engine could have reported, quoting `quote` inside `text`. */
export function found(rule: string, category: Category, severity: Severity, text = '', quote = ''): Finding {
  const start = Math.max(0, text.indexOf(quote));
  return {
    rule,
    category,
    severity,
    start,
    end: start + quote.length,
    quote,
    message: `${rule} message`,
    better: `${rule} better line`,
    sources: [],
  };
}

export interface CallSpec {
  scenario: { id: string; title: string; lang: 'zh' | 'en' };
  total: number;
  mode?: Mode;
  blockerRule?: string | null;
  /** The trainee's lines, each with its findings; the persona speaks the opening before the first one. */
  lines?: { text: string; findings?: Finding[] }[];
  checks?: RecordCheck[];
}

/** Plays and completes one call, an hour after the previous one (so the order of calls is certain). */
export async function playCall(db: CallDojoDb, profileId: string, spec: CallSpec): Promise<string> {
  vi.setSystemTime((clock += 3_600_000));
  const snap = { version: 1 };
  const a = await startAttempt(db, {
    profileId,
    scenarioId: spec.scenario.id,
    scenarioTitle: spec.scenario.title,
    lang: spec.scenario.lang,
    mode: spec.mode ?? 'practice',
    seed: 7,
    snapshot: snap,
  });
  await recordPersonaTurn(
    db,
    a.id,
    { text: '喂，你好，哪位？', stage: 'opening', personaState: { node: 'opening', mood: 'calm' } },
    snap,
  );
  for (const line of spec.lines ?? []) {
    const assessment = {
      findings: line.findings ?? [],
      tone: { label: 'neutral' as const, score: 60, reasons: [] },
      moves: [],
      elements: [],
    };
    await recordTraineeTurn(db, a.id, { text: line.text, assessment, stage: 'opening' }, snap);
  }
  if (spec.checks) {
    await saveRecord(db, a.id, {
      resultCode: 'ptp',
      promiseAmount: 1500,
      promiseDate: '2026-11-05',
      nextAction: '到期核实',
      notes: '',
      checks: spec.checks,
    });
  }
  vi.setSystemTime((clock += 600_000));
  const total = spec.total;
  await completeAttempt(db, a.id, {
    scores: { compliance: total, script: total, tone: total, outcome: total, record: total, total },
    outcome: 'ptp',
    passed: !spec.blockerRule && total >= 60,
    blockerRule: spec.blockerRule ?? null,
  });
  return a.id;
}
