// The CI fuzzing run: a fixed seed, ≥ 100,000 mutated captures through the reader and decoder
// and 2,000 capture sets through the whole analysis and every output. `npm run fuzz` runs this
// file with other numbers (FUZZ_RUNS, FUZZ_PIPELINE_RUNS, FUZZ_SEED, FUZZ_SAVE_DIR).

import { describe, expect, it } from 'vitest';
import { runCampaign, summaryLines, type CampaignResult } from './campaign.js';
import { saveFailures } from './regress-files.js';

const CI = process.env['CI'] === 'true';
const SEED = intFromEnv('FUZZ_SEED', 20_261_121);
const RUNS = intFromEnv('FUZZ_RUNS', 100_000);
const PIPELINE_RUNS = intFromEnv('FUZZ_PIPELINE_RUNS', 2_000);
const SAVE_DIR = process.env['FUZZ_SAVE_DIR'];

/** Every input must finish well inside this, on a loaded 2-core machine. */
export const MAX_MS_PER_INPUT = 2_000;
/** Memory still in use after a full GC, above the start of the run. */
export const MAX_RETAINED_MB = 200;
/** No single input may allocate this much, garbage included: it would mean a length was trusted. */
export const MAX_MB_PER_INPUT = 100;

function intFromEnv(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, not '${text}'`);
  return n;
}

function failureReport(r: CampaignResult): string {
  return r.failures.slice(0, 5).map((f) => [
    `${f.path} input #${f.index} (reproduce: npm run fuzz -- --seed ${r.seed} --runs ${f.path === 'fast' ? f.index + 1 : 0} --pipeline-runs ${f.path === 'pipeline' ? f.index + 1 : 0})`,
    `  ${f.problem.split('\n').join('\n  ')}`,
    ...f.inputs.map((i) => `  from ${i.name}: ${i.steps.join(', ') || 'unmutated'} (${i.bytes.length} bytes)`),
  ].join('\n')).join('\n');
}

// Long local runs get time in proportion; the CI run takes well under a minute here.
const timeoutMs = 120_000 + RUNS * 2 + PIPELINE_RUNS * 200;

describe('fuzzing the readers, the decoder and the analysis', () => {
  it(`seed ${SEED}: ${RUNS} mutated captures through reader + decoder, ${PIPELINE_RUNS} through the analysis`, async () => {
    const result = await runCampaign({ seed: SEED, runs: RUNS, pipelineRuns: PIPELINE_RUNS, log: (l) => console.log(l) });
    console.log(summaryLines(result).join('\n'));
    if (CI) expect(result.notes.filter((n) => n.includes('corpus')), 'the corpus is required under CI=true').toEqual([]);
    if (SAVE_DIR !== undefined && result.failures.length > 0) {
      for (const dir of saveFailures(result.failures, `npm run fuzz -- --seed ${SEED}`, SAVE_DIR)) console.log(`saved ${dir}`);
    }
    expect(result.failures.length, failureReport(result)).toBe(0);
    expect(result.slowest.ms, `slowest: ${result.slowest.path} input #${result.slowest.index}`).toBeLessThan(MAX_MS_PER_INPUT);
    expect(result.retainedMb).toBeLessThan(MAX_RETAINED_MB);
    expect(result.largestInputMb).toBeLessThan(MAX_MB_PER_INPUT);
  }, timeoutMs);
});
