// Fewer, costlier inputs: one to three mutated captures of one scenario analyzed together with
// the real checks, then the report rendered in every format and every TUI view. Some inputs
// carry file names full of terminal control sequences, which become host labels.

import { buildReport } from '../../src/analyze/build-report.js';
import { captureNameOf } from '../../src/analyze/capture-inputs.js';
import type { CaptureInput } from '../../src/analyze/capture-source.js';
import { analyzeCaptures, DEFAULT_WARMUP_FRAMES } from '../../src/analyze/engine.js';
import { CHECKS } from '../../src/checks/registry.js';
import { captureErrorLine } from '../../src/cli/capture-inputs.js';
import { NO_CONFIGURATION } from '../../src/correlate/infer-topology.js';
import { readCapture } from '../../src/io/read-capture.js';
import { renderReport } from '../../src/report/write-report.js';
import { textOf } from '../../src/tui/lines.js';
import { fittingSummaryLine } from '../../src/tui/components/summary-bar.js';
import { VIEWS, viewLines } from '../../src/tui/view-content.js';
import { checkCaptureError, checkJsonText, checkTerminalText, ensure } from './invariants.js';
import { chunksOf } from './chunking.js';
import { mutate, type Seed } from './mutate.js';
import type { Prng } from './prng.js';
import type { SeedSet } from './seeds.js';

/** Control sequences a hostile file name may carry (OSC title, CSI clear, OSC 8 link, C1, bidi, NUL). */
export const HOSTILE_NAME_PARTS = [
  '\u001b]0;pwned\u0007', '\u001b[2J', '\u001b[31m', '\u001b]8;;http://example.invalid/\u001b\\link\u001b]8;;\u001b\\',
  '\u009b31m', '\u202e', '\u0000', '\u2066', '\r',
] as const;

export type PipelinePart = {
  readonly seed: Seed;
  readonly file: string;
  readonly bytes: Uint8Array;
  readonly steps: readonly string[];
  readonly chunks: readonly Uint8Array[];
};

export type PipelineInput = { readonly parts: readonly PipelinePart[]; readonly warmupFrames: number };

/** What an analysis run needs of each capture (regression replays have no seed or steps). */
export type AnalyzedCapture = Pick<PipelinePart, 'file' | 'bytes' | 'chunks'>;

export function makePipelineInput(rng: Prng, set: SeedSet): PipelineInput {
  const groups = [...set.groups.values()];
  const pool = groups.length > 0 && rng.chance(0.85) ? rng.pick(groups) : set.seeds;
  const count = Math.min(pool.length, rng.range(1, 3));
  const chosen = new Set<Seed>();
  while (chosen.size < count) chosen.add(rng.pick(pool));
  const parts = [...chosen].map((seed, i): PipelinePart => {
    // Leave some captures intact so the others still correlate with something.
    const m = rng.chance(0.3) ? { bytes: seed.bytes, steps: [] as string[] } : mutate(rng, seed, set.seeds, 3);
    const base = seed.name.split('/').pop()!.replace(/ \(as pcapng\)$/, '').replace(/\.[^.]*$/, '');
    const hostile = rng.chance(0.25) ? rng.pick(HOSTILE_NAME_PARTS) : '';
    return {
      seed, file: `fuzz/${i}/${base}${hostile}.pcap`, bytes: m.bytes, steps: m.steps,
      chunks: chunksOf(rng, m.bytes, seed.layout.boundaries),
    };
  });
  const warmupFrames = rng.pick([DEFAULT_WARMUP_FRAMES, DEFAULT_WARMUP_FRAMES, 1, 10, 100]);
  return { parts, warmupFrames };
}

async function* fromChunks(chunks: readonly Uint8Array[]): AsyncGenerator<Uint8Array, void, void> {
  for (const c of chunks) yield c;
}

/** Throws on a broken rule or an exception. Returns the frames analyzed and the findings. */
export async function runPipelineInput(input: { readonly parts: readonly AnalyzedCapture[]; readonly warmupFrames: number }): Promise<{ frames: number; findings: number }> {
  const inputs: CaptureInput[] = input.parts.map((p) => ({ file: p.file, name: captureNameOf(p.file), reader: readCapture(fromChunks(p.chunks)) }));
  const result = await analyzeCaptures(inputs, { config: NO_CONFIGURATION, checks: CHECKS, warmupFrames: input.warmupFrames });
  input.parts.forEach((p, i) => {
    const reader = inputs[i]!.reader;
    const frames = result.sources[i]!.counters.frames;
    ensure(frames === reader.packetCount, () => `${p.file}: analyzed ${frames} frames of ${reader.packetCount} read`);
    if (reader.error) {
      checkCaptureError(reader.error, p.bytes.length);
      checkTerminalText('stderr line', captureErrorLine(p.file, reader.error));
    }
  });
  const report = buildReport(result);
  checkJsonText('--format json', renderReport(report, 'json', { color: false }));
  checkJsonText('--format sarif', renderReport(report, 'sarif', { color: false, docsBaseUri: 'file:///lvs-doctor/' }));
  checkTerminalText('--format table', renderReport(report, 'table', { color: false, columns: 100 }));
  checkTerminalText('--format junit', renderReport(report, 'junit', { color: false }));
  checkTerminalText('TUI summary', textOf(fittingSummaryLine(report, 80)));
  const findings = report.findings.length > 0 ? report.findings.slice(0, 3) : [undefined];
  for (const view of VIEWS) {
    for (const f of findings) {
      for (const line of viewLines(view, report, f, 80)) checkTerminalText(`TUI ${view}`, textOf(line));
    }
  }
  return { frames: result.frames, findings: report.findings.length };
}
