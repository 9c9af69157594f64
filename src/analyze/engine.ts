// File analysis: learn the topology and clock offsets from a warm-up prefix of every
// capture, then stream all captures merged in aligned time through the analysis core.
// State is bounded by windows (packet identities, idle connections), not by capture length.

import type { AnyCheck, CaptureView } from '../checks/check-api.js';
import type { AddressTranslation } from '../correlate/address-translation.js';
import type { ConfiguredTopology } from '../correlate/infer-topology.js';
import { viewOf, type TopologyView } from '../correlate/topology.js';
import { createAnalysisCore } from './analysis-core.js';
import { captureViews } from './capture-views.js';
import { createCaptureSource, type CaptureInput, type CaptureSource } from './capture-source.js';
import type { FindingAggregate } from './findings.js';
import { mappedBatch, mergeByTime, replayThen } from './merge.js';
import type { Observations } from './observations.js';
import { patient, warmUp } from './warm-up.js';

export type AnalysisOptions = {
  readonly config: ConfiguredTopology;
  readonly checks: readonly AnyCheck[];
  /** Frames per capture read before the topology is fixed. */
  readonly warmupFrames?: number;
  /** Called after each merged batch with every capture's progress. */
  readonly onProgress?: (sources: readonly CaptureSource[]) => void;
};

export type AnalysisResult = {
  readonly topology: TopologyView;
  readonly captures: readonly CaptureView[];
  readonly sources: readonly CaptureSource[];
  readonly findings: readonly FindingAggregate[];
  readonly observations: Observations;
  readonly frames: number;
  /** Per capture: how its VIP flows' addresses map to the director's side, when a NAT is between them. */
  readonly translations: readonly (AddressTranslation | undefined)[];
};

export const DEFAULT_WARMUP_FRAMES = 20_000;

export async function analyzeCaptures(inputs: readonly CaptureInput[], options: AnalysisOptions): Promise<AnalysisResult> {
  const sources = inputs.map((input, i) => patient(createCaptureSource(i, input)));
  const w = await warmUp(sources, { config: options.config, frames: options.warmupFrames ?? DEFAULT_WARMUP_FRAMES });
  const topology = viewOf(w.inference.topology);
  const captures = captureViews(sources, w.inference.captureHosts, topology, w.offsets, w.offsetKnown);
  const core = createAnalysisCore(topology, { checks: options.checks, config: options.config, captures, offsets: w.offsets });
  const streams = sources.map((src) => {
    const translation = w.translations[src.index];
    const next = translation
      ? async () => { const b = await src.nextBatch(); return b && mappedBatch(b, translation.translate); }
      : () => src.nextBatch();
    return replayThen(w.buffered[src.index]!, { next });
  });
  const frames = await mergeByTime(streams, w.offsets, (s) => core.process(s), options.onProgress && (() => options.onProgress!(sources)));
  core.finish();
  return { topology, captures, sources, findings: core.findings, observations: core.observations(), frames, translations: w.translations };
}
