/**
 * `npm run recheck`: every pattern the engine compiles from content/rules (rules, exceptions, moves, elements, tone
 * markers, concept forms — after `{concept}` expansion and the wrapping the matcher adds) is analysed by recheck
 * (https://makenowjust-labs.github.io/recheck/), which proves a pattern safe or finds an attack string. The page's own
 * guard (src/scoring/safe-regex.ts) is a quick structural check for patterns trainers type in Studio; this is the
 * thorough one, run in CI over what ships.
 *
 * Fails on an exponential pattern, and on a polynomial (or undecided) one unless the pattern is bounded: with no
 * unbounded quantifier (`*`, `+`, `{n,}`) outside a character class, a match attempt reads a bounded number of
 * characters, so a line costs linear time whatever recheck's degree says about an unrolled `{0,30}` gap.
 *
 * Verdicts are kept in content/rules/recheck.json by recheck version and pattern hash: `npm run recheck` analyses the
 * patterns it has no verdict for and writes the file; `--check` (CI) analyses the missing ones without writing, so a
 * new pattern is always proven in CI even when its author did not refresh the file. `--json` prints the refusals.
 */
import { check, type Diagnostics } from 'recheck';
import { loadRulePacks } from '../src/scoring/load-packs.ts';
import { readRuleFiles } from '../src/cli/rule-files.ts';
import { wrapSource, flagsFor } from '../src/scoring/matcher.ts';
import { checkSafety, MAX_EXPANDED_LENGTH } from '../src/scoring/safe-regex.ts';
import type { Lang, PatternsByLang } from '../src/scoring/types.ts';
import { hashKey } from '../src/language/features.ts';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** Highest polynomial degree accepted (see the header). */
export const MAX_DEGREE = 2;

interface Site {
  /** What holds the pattern: `rule cn-threat-police patterns`, `concept police`… */
  where: string;
  lang: Lang;
  source: string;
}

function sitesOf(where: string, patterns: PatternsByLang | undefined): Site[] {
  const out: Site[] = [];
  for (const lang of ['zh', 'en'] as const)
    for (const source of patterns?.[lang] ?? []) {
      // The page never runs what its guard refuses (the loader reports those as diagnostics).
      if (checkSafety(source, MAX_EXPANDED_LENGTH)) continue;
      out.push({ where, lang, source });
    }
  return out;
}

export function shippedPatterns(): Site[] {
  const loaded = loadRulePacks(readRuleFiles());
  const sites: Site[] = [];
  for (const pack of loaded.packs) {
    for (const rule of pack.rules)
      for (const part of ['patterns', 'except', 'requires'] as const)
        sites.push(...sitesOf(`rule ${rule.id} ${part}`, rule[part]));
    for (const m of pack.markers) sites.push(...sitesOf(`tone marker ${m.id}`, m.patterns));
  }
  for (const move of loaded.moves) {
    sites.push(...sitesOf(`${move.kind} ${move.id} patterns`, move.patterns));
    sites.push(...sitesOf(`${move.kind} ${move.id} except`, move.except));
  }
  for (const [name, forms] of Object.entries(loaded.concepts)) sites.push(...sitesOf(`concept ${name}`, forms));
  return sites;
}

export interface Verdict {
  site: Site;
  status: Diagnostics['status'];
  /** 'exponential' or 'polynomial degree n' with an attack string, or 'undecided (timeout)'. */
  complexity: string;
}

/**
 * True when no quantifier outside a character class is unbounded, so one match attempt reads a bounded number of
 * characters.
 */
export function isBounded(source: string): boolean {
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (c === '[') {
      i++;
      while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
    } else if (c === '*' || c === '+') return false;
    else if (c === '{' && /^\{\d+,\}/.test(source.slice(i, i + 12))) return false;
  }
  return true;
}

const VERDICTS_FILE = 'content/rules/recheck.json';

interface Stored {
  status: 'safe' | 'vulnerable' | 'unknown';
  complexity: string;
}

interface VerdictFile {
  recheck: string;
  verdicts: Record<string, Stored>;
}

function recheckVersion(): string {
  return (createRequire(import.meta.url)('recheck/package.json') as { version: string }).version;
}

function readVerdicts(version: string): Record<string, Stored> {
  if (!existsSync(VERDICTS_FILE)) return {};
  const file = JSON.parse(readFileSync(VERDICTS_FILE, 'utf8')) as VerdictFile;
  // Another recheck may judge differently: analyse everything again.
  return file.recheck === version ? file.verdicts : {};
}

async function analyse(lang: Lang, source: string): Promise<Stored> {
  const d = await check(source, flagsFor(lang).replace('g', ''), { timeout: 10_000 });
  if (d.status === 'unknown') return { status: 'unknown', complexity: `undecided (${d.error.kind})` };
  if (d.status === 'safe') return { status: 'safe', complexity: 'safe' };
  const c = d.complexity;
  return {
    status: 'vulnerable',
    complexity:
      c.type === 'polynomial'
        ? `polynomial degree ${c.degree}; attack ${JSON.stringify(d.attack.string.slice(0, 40))}`
        : `exponential; attack ${JSON.stringify(d.attack.string.slice(0, 40))}`,
  };
}

/** Whether a verdict refuses the pattern (see the header). */
export function refused(v: Stored, source: string): boolean {
  if (v.status === 'safe') return false;
  if (v.complexity.startsWith('exponential')) return true;
  return !isBounded(source);
}

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const checkOnly = process.argv.includes('--check');
  const version = recheckVersion();
  const known = readVerdicts(version);
  const next: Record<string, Stored> = {};
  const sites = shippedPatterns();
  // One analysis per compiled source (a form shared by many rules is checked once).
  const bySource = new Map<string, Site[]>();
  for (const s of sites) {
    const key = `${s.lang}\u0000${wrapSource(s.source, s.lang)}`;
    bySource.set(key, [...(bySource.get(key) ?? []), s]);
  }
  const failed: Verdict[] = [];
  let analysed = 0;
  const t0 = Date.now();
  for (const [key, at] of bySource) {
    const [lang, source] = key.split('\u0000') as [Lang, string];
    const id = `${lang}:${hashKey(source).toString(36)}:${source.length}`;
    let v = known[id];
    if (!v) {
      v = await analyse(lang, source);
      analysed++;
    }
    next[id] = v;
    if (refused(v, source)) for (const site of at) failed.push({ site, status: v.status, complexity: v.complexity });
  }
  if (!checkOnly)
    writeFileSync(
      VERDICTS_FILE,
      JSON.stringify({ recheck: version, verdicts: Object.fromEntries(Object.entries(next).sort()) }, null, 1) + '\n',
    );
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  if (json) process.stdout.write(JSON.stringify({ checked: bySource.size, failed }, null, 2) + '\n');
  else {
    for (const f of failed)
      console.log(`${f.site.where} [${f.site.lang}]: ${f.complexity}\n  ${f.site.source.slice(0, 200)}`);
    console.log(
      `recheck ${version}: ${bySource.size} distinct patterns from ${sites.length} sites (${analysed} analysed now, the rest known) in ${secs} s; ${failed.length} refused`,
    );
  }
  process.exit(failed.length ? 1 : 0);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
