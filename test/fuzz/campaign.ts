// One fuzzing campaign: `runs` mutated captures through the reader and decoder, then
// `pipelineRuns` sets of captures through the whole analysis and every output. Input i is
// built from its own generator (seed, i), so a failure is reproduced from the seed and index
// alone. Measures time per input and process memory across the run.

import v8 from 'node:v8';
import vm from 'node:vm';
import { InvariantError } from './invariants.js';
import { makeFastInput, runFastInput } from './fast-path.js';
import { makePipelineInput, runPipelineInput } from './pipeline.js';
import { inputSeed, Prng } from './prng.js';
import { loadSeeds, type SeedSet } from './seeds.js';

export type CampaignOptions = {
  readonly seed: number;
  /** Inputs through reader + decoder. */
  readonly runs: number;
  /** Inputs (1–3 captures each) through the whole analysis. */
  readonly pipelineRuns: number;
  /** Corpus files among the seeds (0: fixtures and samples only). */
  readonly corpusSample?: number;
  /** Stop collecting after this many failures. */
  readonly maxFailures?: number;
  /** Called with one line now and then (progress, summary). */
  readonly log?: (line: string) => void;
  /** Seeds already loaded (tests share them). */
  readonly seeds?: SeedSet;
};

export type FailedInput = {
  /** The seed the input was made from. */
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly steps: readonly string[];
  /** The file name the analysis was given (pipeline inputs). */
  readonly analyzedAs?: string;
};

export type Failure = {
  readonly path: 'fast' | 'pipeline';
  readonly index: number;
  /** "invariant: …" for a broken rule, "threw: …" for an exception from the code under test. */
  readonly problem: string;
  readonly inputs: readonly FailedInput[];
  readonly warmupFrames?: number;
};

export type SlowestInput = { readonly path: 'fast' | 'pipeline'; readonly index: number; readonly ms: number };

export type CampaignResult = {
  readonly seed: number;
  readonly runs: number;
  readonly pipelineRuns: number;
  readonly seedCount: number;
  readonly packets: number;
  /** How reads ended: 'ok' or the CaptureError code, with counts. */
  readonly endings: ReadonlyMap<string, number>;
  readonly analyzedFrames: number;
  readonly findings: number;
  readonly fastMs: number;
  readonly pipelineMs: number;
  readonly slowest: SlowestInput;
  /** Largest rise of heap + external memory across one input, garbage included, in MB. */
  readonly largestInputMb: number;
  /** Highest heap + external memory still in use after a full GC, above the start, in MB. */
  readonly retainedMb: number;
  /** Highest heap + external memory seen (garbage included), above the start, in MB. */
  readonly peakMb: number;
  readonly failures: readonly Failure[];
  readonly notes: readonly string[];
};

export const DEFAULT_CORPUS_SAMPLE = 64;
const RETAINED_CHECK_EVERY = 25_000;
const PROGRESS_EVERY = 100_000;

/** Heap plus external (ArrayBuffer) memory; getHeapStatistics costs well under a microsecond. */
function memoryNow(): number {
  const h = v8.getHeapStatistics();
  return h.used_heap_size + h.external_memory;
}

/** A full GC without --expose-gc on the command line, so retained memory can be told from garbage. */
function fullGc(): () => void {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as unknown;
  return typeof gc === 'function' ? () => (gc as () => void)() : () => {};
}

function describe(err: unknown): string {
  if (err instanceof InvariantError) return `invariant: ${err.message}`;
  const e = err as { stack?: unknown; message?: unknown };
  const text = typeof e?.stack === 'string' ? e.stack.split('\n').slice(0, 6).join('\n') : String(err);
  return `threw: ${text}`;
}

export async function runCampaign(options: CampaignOptions): Promise<CampaignResult> {
  const log = options.log ?? (() => {});
  const maxFailures = options.maxFailures ?? 20;
  const set = options.seeds ?? await loadSeeds({ corpusSample: options.corpusSample ?? DEFAULT_CORPUS_SAMPLE });
  const failures: Failure[] = [];
  let slowest: SlowestInput = { path: 'fast', index: -1, ms: 0 };
  let packets = 0, analyzedFrames = 0, findings = 0;
  const endings = new Map<string, number>();
  const gc = fullGc();
  gc();
  await new Promise((resolve) => setImmediate(resolve));
  gc();
  const baseline = memoryNow();
  let peak = baseline, retained = baseline, largestInput = 0;
  // Two collections a tick apart: ArrayBuffer memory is released by a concurrent sweeper.
  const checkRetained = async () => {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
    gc();
    retained = Math.max(retained, memoryNow());
  };

  const fastStart = performance.now();
  for (let i = 0; i < options.runs && failures.length < maxFailures; i++) {
    const input = makeFastInput(new Prng(inputSeed(options.seed, i)), set.seeds);
    const m0 = memoryNow();
    const t0 = performance.now();
    try {
      const outcome = await runFastInput(input);
      packets += outcome.packets;
      endings.set(outcome.ending, (endings.get(outcome.ending) ?? 0) + 1);
    } catch (err) {
      failures.push({ path: 'fast', index: i, problem: describe(err), inputs: [{ name: input.seed.name, bytes: input.bytes, steps: input.steps }] });
    }
    const ms = performance.now() - t0;
    const m1 = memoryNow();
    if (ms > slowest.ms) slowest = { path: 'fast', index: i, ms };
    largestInput = Math.max(largestInput, m1 - m0);
    peak = Math.max(peak, m1);
    if (i > 0 && i % RETAINED_CHECK_EVERY === 0) await checkRetained();
    if (i > 0 && i % PROGRESS_EVERY === 0) log(`fuzz: ${i} inputs, ${((performance.now() - fastStart) / 1000).toFixed(1)} s`);
  }
  const fastMs = performance.now() - fastStart;
  await checkRetained();

  const pipelineStart = performance.now();
  for (let i = 0; i < options.pipelineRuns && failures.length < maxFailures; i++) {
    // A separate stream of generators, so changing `runs` does not change pipeline inputs.
    const input = makePipelineInput(new Prng(inputSeed(options.seed, i), 1), set);
    const m0 = memoryNow();
    const t0 = performance.now();
    try {
      const r = await runPipelineInput(input);
      analyzedFrames += r.frames;
      findings += r.findings;
    } catch (err) {
      failures.push({
        path: 'pipeline', index: i, problem: describe(err), warmupFrames: input.warmupFrames,
        inputs: input.parts.map((p) => ({ name: p.seed.name, bytes: p.bytes, steps: p.steps, analyzedAs: p.file })),
      });
    }
    const ms = performance.now() - t0;
    const m1 = memoryNow();
    if (ms > slowest.ms) slowest = { path: 'pipeline', index: i, ms };
    largestInput = Math.max(largestInput, m1 - m0);
    peak = Math.max(peak, m1);
    if (i > 0 && i % (RETAINED_CHECK_EVERY / 25) === 0) await checkRetained();
  }
  const pipelineMs = performance.now() - pipelineStart;
  await checkRetained();

  return {
    seed: options.seed, runs: options.runs, pipelineRuns: options.pipelineRuns, seedCount: set.seeds.length,
    packets, endings, analyzedFrames, findings, fastMs, pipelineMs, slowest,
    largestInputMb: largestInput / 1e6, retainedMb: (retained - baseline) / 1e6, peakMb: (peak - baseline) / 1e6,
    failures, notes: set.notes,
  };
}

export function summaryLines(r: CampaignResult): string[] {
  const rate = (n: number, ms: number) => (ms > 0 ? Math.round((n / ms) * 1000) : 0);
  return [
    `fuzz seed ${r.seed}: ${r.seedCount} seed captures`,
    `  reader+decoder: ${r.runs} inputs, ${r.packets} packets in ${(r.fastMs / 1000).toFixed(1)} s (${rate(r.runs, r.fastMs)} inputs/s)`,
    `  reads ended: ${[...r.endings].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${((n / Math.max(1, r.runs)) * 100).toFixed(1)}%`).join(', ')}`,
    `  analysis: ${r.pipelineRuns} inputs, ${r.analyzedFrames} frames, ${r.findings} findings in ${(r.pipelineMs / 1000).toFixed(1)} s (${rate(r.pipelineRuns, r.pipelineMs)} inputs/s)`,
    `  slowest input: ${r.slowest.path} #${r.slowest.index}, ${r.slowest.ms.toFixed(1)} ms`,
    `  memory: retained after GC +${r.retainedMb.toFixed(1)} MB, peak +${r.peakMb.toFixed(1)} MB, largest rise in one input ${r.largestInputMb.toFixed(1)} MB`,
    `  failures: ${r.failures.length}`,
    ...r.notes.map((n) => `  note: ${n}`),
  ];
}
