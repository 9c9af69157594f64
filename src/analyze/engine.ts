// The analysis: read every capture, learn the topology and clock offsets from a warm-up
// prefix of each, then stream all captures merged in aligned time through correlation and
// the checks. State is bounded by windows (packet identities, idle connections), not by
// the length of the captures.

import type { AnyCheck, CaptureView, CheckHandlers } from '../checks/check-api.js';
import { addOffsetSample, estimateClockOffsets, busiestCapture, type OffsetSamples } from '../correlate/clock-offsets.js';
import { createConnectionTracker } from '../correlate/connections.js';
import { createIdentityWindow } from '../correlate/identity-window.js';
import { inferTopology, type ConfiguredTopology, type InferredCaptureHost } from '../correlate/infer-topology.js';
import type { Sighting } from '../correlate/sighting.js';
import { createTopologyEvidence, observeForTopology } from '../correlate/topology-evidence.js';
import { viewOf, type TopologyView } from '../correlate/topology.js';
import { createCaptureSource, linkKindOf, type CaptureInput, type CaptureSource } from './capture-source.js';
import { createFindingSink, type FindingAggregate } from './findings.js';
import { mergeByTime, replayThen } from './merge.js';
import { createObservers, type Observations } from './observations.js';

export type AnalysisOptions = {
  readonly config: ConfiguredTopology;
  readonly checks: readonly AnyCheck[];
  /** Frames per capture read before the topology is fixed. */
  readonly warmupFrames?: number;
  readonly onProgress?: (frames: number) => void;
};

export type AnalysisResult = {
  readonly topology: TopologyView;
  readonly captures: readonly CaptureView[];
  readonly sources: readonly CaptureSource[];
  readonly findings: readonly FindingAggregate[];
  readonly observations: Observations;
  readonly frames: number;
};

const DEFAULT_WARMUP = 20_000;
const WINDOW_SECONDS = 10;
const WINDOW_ENTRIES = 200_000;
const CONNECTION_IDLE_SECONDS = 30;

type WarmUp = { buffered: Sighting[][][]; hosts: readonly InferredCaptureHost[]; topology: TopologyView; offsets: number[] };

async function warmUp(sources: readonly CaptureSource[], options: AnalysisOptions): Promise<WarmUp> {
  const limit = options.warmupFrames ?? DEFAULT_WARMUP;
  const buffered: Sighting[][][] = sources.map(() => []);
  const all: Sighting[] = [];
  for (const src of sources) {
    let n = 0;
    while (n < limit) {
      const batch = await src.next();
      if (!batch) break;
      buffered[src.index]!.push(batch);
      for (const s of batch) all.push(s);
      n += batch.length;
    }
  }
  all.sort((a, b) => a.t - b.t);
  const evidence = createTopologyEvidence(sources.length);
  const samples: OffsetSamples = new Map();
  const window = createIdentityWindow({ spanSeconds: Infinity, maxEntries: all.length + 1, maxPerPacket: 32 });
  for (const s of all) {
    const earlier = window.add(s, s.t);
    observeForTopology(evidence, s, earlier);
    const seen = new Set<number>();
    for (const e of earlier) {
      if (e.capture === s.capture || seen.has(e.capture)) continue;
      seen.add(e.capture);
      addOffsetSample(samples, e.capture, s.capture, s.t - e.t);
    }
  }
  const inferred = inferTopology(
    evidence,
    sources.map((s) => ({ name: s.input.name, ...(s.input.roleHint ? { roleHint: s.input.roleHint } : {}) })),
    options.config,
  );
  const topology = viewOf(inferred.topology);
  const directorCapture = inferred.captureHosts.findIndex((h) => h.role === 'director');
  const reference = directorCapture >= 0 ? directorCapture : busiestCapture(samples, sources.length);
  const offsets = estimateClockOffsets(samples, sources.length, reference).map((o) => o ?? 0);
  return { buffered, hosts: inferred.captureHosts, topology, offsets };
}

function captureViews(sources: readonly CaptureSource[], w: WarmUp): CaptureView[] {
  return sources.map((src, i) => {
    const hostInfo = w.hosts[i]!;
    const host = hostInfo.mac !== undefined ? w.topology.hostByMac(hostInfo.mac) : undefined;
    return {
      index: i,
      file: src.input.file,
      name: src.input.name,
      role: hostInfo.role,
      ...(hostInfo.mac !== undefined ? { hostMac: hostInfo.mac } : {}),
      ...(host ? { host } : {}),
      get linkKind() { return linkKindOf(src.counters); },
      clockOffset: w.offsets[i]!,
      stats: src.counters,
    };
  });
}

function orderChecks(checks: readonly AnyCheck[]): AnyCheck[] {
  // Checks that consult others' explanations run after them.
  return [...checks.filter((c) => !c.after?.length), ...checks.filter((c) => c.after?.length)];
}

export async function analyzeCaptures(inputs: readonly CaptureInput[], options: AnalysisOptions): Promise<AnalysisResult> {
  const sources = inputs.map((input, i) => createCaptureSource(i, input));
  const w = await warmUp(sources, options);
  const topology = w.topology;
  const captures = captureViews(sources, w);
  const sink = createFindingSink();
  const explained = new Set<string>();

  const checks = orderChecks(options.checks);
  const handlers: CheckHandlers[] = checks.map((check) => check.create({
    topology, captures,
    report: (draft) => sink.add(check, draft),
    explain: (key) => { if (explained.size < 200_000) explained.add(key); },
    isExplained: (key) => explained.has(key),
  }));
  const observers = createObservers(topology, captures);
  const onSighting = handlers.filter((h) => h.sighting);
  const onExpired = handlers.filter((h) => h.packetExpired);
  const onConnection = handlers.filter((h) => h.connection);

  const aligned = (s: Sighting) => s.t + w.offsets[s.capture]!;
  const window = createIdentityWindow({
    spanSeconds: WINDOW_SECONDS, maxEntries: WINDOW_ENTRIES, maxPerPacket: 32,
    onExpire: (sightings) => { for (const h of onExpired) h.packetExpired!(sightings); },
  });
  const tracker = createConnectionTracker(topology, {
    idleSeconds: CONNECTION_IDLE_SECONDS, maxConnections: 100_000, alignedTime: aligned,
    onDone: (c) => {
      observers.connection(c);
      for (const h of onConnection) h.connection!(c);
    },
  });

  const streams = sources.map((src) => replayThen(w.buffered[src.index]!, src));
  let frames = 0, nextExpiry = -Infinity;
  for await (const batch of mergeByTime(streams, w.offsets)) {
    for (const s of batch) {
      const t = aligned(s);
      const earlier = window.add(s, t);
      tracker.observe(s, t);
      observers.sighting(s, earlier);
      for (const h of onSighting) h.sighting!(s, earlier);
      if (t > nextExpiry) {
        window.expire(t);
        tracker.expire(t);
        nextExpiry = t + 1;
      }
    }
    frames += batch.length;
    options.onProgress?.(frames);
  }
  window.drain();
  tracker.drain();
  for (const h of handlers) h.end?.();
  return { topology, captures, sources, findings: sink.all, observations: observers.result(), frames };
}
