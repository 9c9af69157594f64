// Live analysis for `watch`: several sources deliver at their own pace, so sightings are
// gathered as they arrive and processed in aligned-time order once every source has moved
// past them (or a short hold has passed). The topology is re-inferred every few seconds
// as the deployment reveals itself; findings are announced as soon as they appear.

import type { AnyCheck, CaptureView } from '../checks/check-api.js';
import type { ConfiguredTopology } from '../correlate/infer-topology.js';
import type { Sighting } from '../correlate/sighting.js';
import { observeForTopology } from '../correlate/topology-evidence.js';
import { viewOf } from '../correlate/topology.js';
import { createAnalysisCore } from './analysis-core.js';
import { captureViews } from './capture-views.js';
import { createCaptureSource, type CaptureInput } from './capture-source.js';
import type { AnalysisResult } from './engine.js';
import type { FindingAggregate } from './findings.js';
import { inferFrom, patient, warmUp, withTranslations } from './warm-up.js';

export type LiveSourceStatus = {
  readonly name: string;
  readonly frames: number;
  readonly ended: boolean;
};

export type LiveStatus = {
  readonly sources: readonly LiveSourceStatus[];
  readonly processed: number;
  readonly pending: number;
};

export type LiveOptions = {
  readonly config: ConfiguredTopology;
  readonly checks: readonly AnyCheck[];
  /** Wall-clock time spent learning the topology before checks run. */
  readonly warmupMs?: number;
  readonly warmupFrames?: number;
  /** Stop after this many frames in all (--count). */
  readonly count?: number;
  /** Stop when aborted (--duration, SIGINT, SIGTERM). */
  readonly signal?: AbortSignal;
  readonly onFinding?: (f: FindingAggregate, captures: readonly CaptureView[]) => void;
  readonly onStatus?: (s: LiveStatus) => void;
  readonly tickMs?: number;
};

/** How long a sighting waits for slower sources before it is processed anyway. */
const HOLD_SECONDS = 0.5;
const REINFER_MS = 3000;

export async function watchCaptures(inputs: readonly CaptureInput[], options: LiveOptions): Promise<AnalysisResult> {
  const sources = inputs.map((input, i) => patient(createCaptureSource(i, input)));
  const aborted = () => options.signal?.aborted === true;
  const w = await warmUp(sources, {
    config: options.config, frames: options.warmupFrames ?? 5_000, deadlineMs: options.warmupMs ?? 3000,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  let topology = viewOf(w.inference.topology);
  const captures = captureViews(sources, w.inference.captureHosts, topology, w.offsets, w.offsetKnown);
  const core = createAnalysisCore(topology, {
    checks: options.checks, config: options.config, captures, offsets: w.offsets,
    onNewFinding: (f) => options.onFinding?.(f, captures),
  });
  const observe = (s: Sighting, earlier: readonly Sighting[]) => observeForTopology(w.evidence, s, earlier);

  const pending: Sighting[] = [];
  for (const batches of w.buffered) for (const b of batches) for (const s of b) pending.push(s);
  const latest: number[] = sources.map(() => -Infinity);
  for (const s of pending) latest[s.capture] = Math.max(latest[s.capture]!, s.t + w.offsets[s.capture]!);
  let processed = 0;
  let wake: (() => void) | undefined;
  const nudge = () => { const f = wake; wake = undefined; f?.(); };
  options.signal?.addEventListener('abort', nudge, { once: true });

  const pumps = sources.map(async (src) => {
    while (!aborted()) {
      const batch = await src.next();
      if (!batch) break;
      const translation = w.translations[src.index];
      for (const s of batch) pending.push(translation ? translation.translate(s) : s);
      const last = batch[batch.length - 1]!;
      latest[src.index] = Math.max(latest[src.index]!, last.t + w.offsets[src.index]!);
      if (pending.length > 20_000) nudge();
    }
    nudge();
  });

  const limit = options.count ?? Infinity;
  const aligned = (s: Sighting) => s.t + w.offsets[s.capture]!;
  function drain(all: boolean): void {
    if (pending.length === 0) return;
    pending.sort((a, b) => aligned(a) - aligned(b));
    // Process what every live source has moved past, or what has waited long enough.
    const live = sources.filter((s) => !s.ended).map((s) => latest[s.index]!);
    const newest = Math.max(...latest);
    const horizon = all ? Infinity : Math.max(live.length ? Math.min(...live) : Infinity, newest - HOLD_SECONDS);
    let n = 0;
    while (n < pending.length && aligned(pending[n]!) <= horizon && processed < limit) {
      core.process(pending[n]!, observe);
      n++;
      processed++;
    }
    pending.splice(0, n);
  }

  let lastInference = Date.now();
  const tick = options.tickMs ?? 250;
  while (!aborted() && processed < limit && !sources.every((s) => s.ended && pending.length === 0)) {
    await new Promise<void>((resolve) => { wake = resolve; setTimeout(resolve, tick); });
    drain(sources.every((s) => s.ended));
    if (Date.now() - lastInference > REINFER_MS) {
      lastInference = Date.now();
      const inference = withTranslations(inferFrom(w.evidence, sources, options.config), w.translations, sources);
      const next = viewOf(inference.topology);
      if (JSON.stringify([next.vips, next.directors, next.realServers]) !== JSON.stringify([topology.vips, topology.directors, topology.realServers])) {
        topology = next;
        core.setTopology(topology);
        // Which host each source is taken on may change with the topology: refresh in place,
        // the checks hold this array.
        captureViews(sources, inference.captureHosts, topology, w.offsets, w.offsetKnown).forEach((v, i) => { captures[i] = v; });
      }
    }
    options.onStatus?.({
      sources: sources.map((s) => ({ name: s.input.name, frames: s.counters.frames, ended: s.ended })),
      processed, pending: pending.length,
    });
  }
  // What arrived before the stop is analysed too, so saved captures re-analyse the same.
  drain(true);
  core.finish();
  // Sources are stopped by their owners (the abort signal); pumps end when their streams close.
  void Promise.allSettled(pumps);
  return {
    topology: core.topology, captures, sources, findings: core.findings, observations: core.observations(), frames: processed,
    translations: w.translations,
  };
}
