/** Writes a generated source file, or with `--check` only says (exit 1) whether the committed one is stale. */
import { readFileSync, writeFileSync } from 'node:fs';

export function writeOrCheck(out: string, text: string, command: string, summary = ''): void {
  if (process.argv.includes('--check')) {
    if (readFileSync(out, 'utf8') !== text) {
      console.error(`${out} is stale: run ${command}`);
      process.exit(1);
    }
    return;
  }
  writeFileSync(out, text);
  console.log(`wrote ${out}${summary}`);
}
