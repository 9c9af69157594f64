// Real LVS-DR how-to texts (ipvsadm terminal transcripts, -Ln tables, keepalived.conf
// blocks) kept in the shared seeds folder next to the repository. Without them the seed
// tests are skipped with the reason, except in CI, where a missing folder fails them.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';

export const SEEDS_DIR = process.env['LVSD_SEEDS_DIR'] ?? fileURLToPath(new URL('../../../shared/seeds/', import.meta.url));

export type SeedReader = (prefix: string) => { text: string; name: string };

export function describeWithSeeds(name: string, body: (seed: SeedReader) => void): void {
  if (!existsSync(SEEDS_DIR) && process.env['CI'] !== 'true') {
    describe(name, () => {
      it.skip(`skipped: seed texts not found at ${SEEDS_DIR}`, () => {});
    });
    return;
  }
  describe(name, () => body(readSeed));
}

function readSeed(prefix: string): { text: string; name: string } {
  const name = readdirSync(SEEDS_DIR).find((n) => n.startsWith(prefix));
  if (name === undefined) throw new Error(`no seed ${prefix}* in ${SEEDS_DIR}`);
  return { text: readFileSync(join(SEEDS_DIR, name), 'utf8'), name };
}

/** The lines from the one containing `from` up to (not including) the one containing `to`. */
export function between(text: string, from: string, to: string): string {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.includes(from));
  const end = lines.findIndex((l, i) => i > start && l.includes(to));
  if (start < 0 || end < 0) throw new Error(`markers '${from}' / '${to}' not found`);
  return lines.slice(start, end).join('\n');
}

/** 1-based number of the first line containing `needle`. */
export function lineOf(text: string, needle: string): number {
  const index = text.split('\n').findIndex((l) => l.includes(needle));
  if (index < 0) throw new Error(`'${needle}' not found`);
  return index + 1;
}
