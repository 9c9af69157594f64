// The CLI caps V8's young generation at two 8 MB semi-spaces while running (no node flag).
// A child node process keeps many small objects alive across scavenges, as a busy director's
// analysis does, and reports how large its new space grew with and without the cap.

import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT } from '../live/built-cli.js';

const MB = 2 ** 20;

/** Largest new-space size seen while ~0.6 M records survive, with or without the cap. */
function newSpacePeak(cap: boolean): number {
  const module = pathToFileURL(join(ROOT, 'dist/cli/young-generation.js')).href;
  const script = `
    import { getHeapSpaceStatistics } from 'node:v8';
    import { capYoungGeneration } from ${JSON.stringify(module)};
    if (${cap}) capYoungGeneration();
    const kept = [];
    let peak = 0;
    // Bounded: 200 turns of the event loop, 5,000 records each, the oldest dropped after 120.
    for (let turn = 0; turn < 200; turn++) {
      const batch = [];
      for (let i = 0; i < 5000; i++) batch.push({ a: i, b: turn, c: [i], d: 'x' + i });
      kept.push(batch);
      if (kept.length > 120) kept.shift();
      peak = Math.max(peak, getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size);
      await new Promise((r) => setTimeout(r, 5));
    }
    process.stdout.write(String(peak));
  `;
  return Number(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 }));
}

describe('young generation cap', () => {
  beforeAll(() => ensureBuilt(), 200_000);

  it('grows to 32 MB without the cap and stays at 16 MB with it', () => {
    expect(newSpacePeak(false)).toBeGreaterThan(16 * MB);
    expect(newSpacePeak(true)).toBeLessThanOrEqual(16 * MB);
  });
});
