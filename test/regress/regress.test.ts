// Replays every input the fuzzer ever failed on (one folder per case, see case.json): through
// the reader and decoder, through the analysis and every output under the names it was found
// with, and through the CLI on the stored files.

import path from 'node:path';
import { constants, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DEFAULT_WARMUP_FRAMES } from '../../src/analyze/engine.js';
import { layoutOf } from '../fuzz/capture-layout.js';
import { runFastInput } from '../fuzz/fast-path.js';
import { checkJsonText, checkTerminalText } from '../fuzz/invariants.js';
import { runPipelineInput } from '../fuzz/pipeline.js';
import { loadCases, type LoadedCase } from '../fuzz/regress-files.js';
import { checkOutcome, runCli } from '../hostile/cli-run.js';

const cases = loadCases();

/** The largest valid offset: the capture's length, decompressed when it is gzip. */
function limitOf(bytes: Uint8Array): number {
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes.length;
  try {
    return gunzipSync(bytes, { finishFlush: constants.Z_SYNC_FLUSH }).length;
  } catch {
    return bytes.length * 1032;
  }
}

function thirds(bytes: Uint8Array): Uint8Array[] {
  const a = Math.floor(bytes.length / 3), b = Math.floor((2 * bytes.length) / 3);
  return [bytes.subarray(0, a), bytes.subarray(a, b), bytes.subarray(b)].filter((c) => c.length > 0);
}

async function replay(c: LoadedCase): Promise<void> {
  for (const [i, cap] of c.captures.entries()) {
    const bytes = c.bytes[i]!;
    const seed = { name: cap.analyzedAs, bytes, layout: layoutOf(bytes) };
    for (const chunks of [[bytes], thirds(bytes)]) {
      await runFastInput({ seed, bytes, steps: cap.steps, chunks, limit: limitOf(bytes), formatOutput: true });
    }
  }
  const parts = c.captures.map((cap, i) => ({ file: cap.analyzedAs, bytes: c.bytes[i]!, chunks: [c.bytes[i]!] }));
  await runPipelineInput({ parts, warmupFrames: c.warmupFrames ?? DEFAULT_WARMUP_FRAMES });
  await runPipelineInput({ parts, warmupFrames: DEFAULT_WARMUP_FRAMES });

  const files = c.captures.map((cap) => path.join(c.dir, cap.file));
  checkOutcome('decode', await runCli(['decode', ...files]));
  for (const format of ['json', 'sarif', 'table', 'junit']) {
    const o = await runCli(['analyze', '--format', format, ...files]);
    checkOutcome(`analyze --format ${format}`, o);
    if (format === 'json' || format === 'sarif') checkJsonText(format, o.stdout);
    else checkTerminalText(format, o.stdout);
  }
}

describe('fuzz regressions (test/regress)', () => {
  it('has cases to replay', () => {
    expect(cases.length).toBeGreaterThan(0);
  });
  for (const c of cases) {
    it(`${path.basename(c.dir)}: ${c.problem.slice(0, 120)}`, async () => {
      await replay(c);
    });
  }
});
