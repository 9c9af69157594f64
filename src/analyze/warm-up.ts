// The warm-up: a prefix of every capture (bounded by frames, and for live sources by time)
// is read first to infer the topology and the clock offsets; those sightings are then
// replayed through the checks like all later ones.

import { describeTranslation, learnAddressTranslations, type AddressTranslation } from '../correlate/address-translation.js';
import { addOffsetSample, busiestCapture, estimateClockOffsets, matchedCounts, type OffsetSamples } from '../correlate/clock-offsets.js';
import { createIdentityWindow } from '../correlate/identity-window.js';
import { inferTopology, type ConfiguredTopology, type Inference } from '../correlate/infer-topology.js';
import type { Sighting } from '../correlate/sighting.js';
import { viewOf } from '../correlate/topology.js';
import { createTopologyEvidence, observeForTopology, type TopologyEvidence } from '../correlate/topology-evidence.js';
import type { CaptureSource } from './capture-source.js';

export type WarmUpOptions = {
  readonly config: ConfiguredTopology;
  /** Frames per capture read before the topology is fixed. */
  readonly frames: number;
  /** Wall-clock limit (ms) for sources that deliver slowly (live capture). */
  readonly deadlineMs?: number;
  /** Ends the warm-up early (watch stopped before the topology was learnt). */
  readonly signal?: AbortSignal;
};

/** A source whose pending read survives a timed-out wait, so no batch is lost. */
export type PatientSource = CaptureSource & {
  /** The next batch, or 'timeout' if none arrived before `deadline` (ms since epoch). */
  nextBefore(deadline: number): Promise<Sighting[] | undefined | 'timeout'>;
  readonly ended: boolean;
};

export function patient(src: CaptureSource): PatientSource {
  let pending: Promise<Sighting[] | undefined> | undefined;
  let ended = false;
  const take = () => {
    const p = pending ?? src.next();
    pending = undefined;
    return p.then((b) => { if (!b) ended = true; return b; });
  };
  return {
    ...src,
    get ended() { return ended; },
    next: take,
    async nextBefore(deadline) {
      pending ??= src.next();
      const p = pending;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<'timeout'>((resolve) => { timer = setTimeout(() => resolve('timeout'), Math.max(0, deadline - Date.now())); });
      const winner = await Promise.race([p, timeout]);
      clearTimeout(timer);
      if (winner === 'timeout') return 'timeout';
      pending = undefined;
      if (!winner) ended = true;
      return winner;
    },
  };
}

export type WarmUp = {
  readonly buffered: Sighting[][][];
  readonly inference: Inference;
  /** Seconds to add to each capture's timestamps (0 where unknown). */
  readonly offsets: number[];
  /** Whether each offset was measured (the capture shares packets with the reference). */
  readonly offsetKnown: boolean[];
  readonly evidence: TopologyEvidence;
  /** Per capture: how its VIP flows' addresses map to the director's side, when a NAT is between them. */
  readonly translations: readonly (AddressTranslation | undefined)[];
};

export function inferFrom(evidence: TopologyEvidence, sources: readonly CaptureSource[], config: ConfiguredTopology): Inference {
  return inferTopology(
    evidence,
    sources.map((s) => ({ name: s.input.name, ...(s.input.roleHint ? { roleHint: s.input.roleHint } : {}) })),
    config,
  );
}

/** The inference with a sentence per capture whose addresses a NAT translates. */
export function withTranslations(
  inference: Inference, translations: readonly (AddressTranslation | undefined)[], sources: readonly CaptureSource[],
): Inference {
  const said = translations.flatMap((t) => (t ? [describeTranslation(sources[t.capture]!.input.name, t)] : []));
  if (said.length === 0) return inference;
  return { ...inference, topology: { ...inference.topology, evidence: [...inference.topology.evidence, ...said] } };
}

type PrefixCorrelation = { readonly evidence: TopologyEvidence; readonly samples: OffsetSamples; readonly inference: Inference };

/** Topology evidence and clock-offset samples from the warm-up's sightings in capture-time order. */
function correlatePrefix(all: readonly Sighting[], sources: readonly CaptureSource[], config: ConfiguredTopology): PrefixCorrelation {
  const evidence = createTopologyEvidence(sources.length);
  const samples: OffsetSamples = new Map();
  const window = createIdentityWindow({ spanSeconds: Infinity, maxEntries: all.length + 1, maxPerPacket: 32 });
  for (const s of all) {
    const earlier = window.add(s, s.t);
    observeForTopology(evidence, s, earlier);
    // A packet seen twice at one vantage (a loop, an identical retransmission) says nothing
    // reliable about clocks.
    if (earlier.some((e) => e.capture === s.capture)) continue;
    const seen = new Set<number>();
    for (const e of earlier) {
      if (e.capture === s.capture || seen.has(e.capture)) continue;
      seen.add(e.capture);
      addOffsetSample(samples, e.capture, s.capture, s.t - e.t);
    }
  }
  return { evidence, samples, inference: inferFrom(evidence, sources, config) };
}

export async function warmUp(sources: readonly PatientSource[], options: WarmUpOptions): Promise<WarmUp> {
  const buffered: Sighting[][][] = sources.map(() => []);
  const all: Sighting[] = [];
  let deadline = options.deadlineMs === undefined ? Infinity : Date.now() + options.deadlineMs;
  if (options.signal?.aborted) deadline = Date.now();
  await Promise.all(sources.map(async (src) => {
    let n = 0;
    while (n < options.frames && !options.signal?.aborted) {
      const batch = deadline === Infinity ? await src.next() : await src.nextBefore(Math.min(deadline, Date.now() + 100));
      if (batch === 'timeout' && Date.now() < deadline) continue;
      if (batch === 'timeout' || !batch) break;
      buffered[src.index]!.push(batch);
      for (const s of batch) all.push(s);
      n += batch.length;
    }
  }));
  all.sort((a, b) => a.t - b.t);
  let pass = correlatePrefix(all, sources, options.config);
  // A capture behind a NAT shares packets with the others only once its addresses are the
  // director's: its warm-up is translated and correlated again.
  const translations = learnAddressTranslations(buffered, pass.inference.captureHosts.map((h) => h.role), viewOf(pass.inference.topology));
  if (translations.some((t) => t !== undefined)) {
    for (const t of translations) if (t) buffered[t.capture] = buffered[t.capture]!.map((b) => b.map((s) => t.translate(s)));
    const translated = buffered.flatMap((batches) => batches.flat()).sort((a, b) => a.t - b.t);
    pass = correlatePrefix(translated, sources, options.config);
    pass = { ...pass, inference: withTranslations(pass.inference, translations, sources) };
  }
  const { evidence, samples, inference } = pass;
  // The director's clock, unless its capture shares no packet with any other (it saw nothing, or
  // is of another time): every other capture would then be left unaligned.
  const matched = matchedCounts(samples, sources.length);
  const directorCapture = inference.captureHosts.findIndex((h, i) => h.role === 'director' && matched[i]! > 0);
  const reference = directorCapture >= 0 ? directorCapture : busiestCapture(samples, sources.length);
  const estimated = estimateClockOffsets(samples, sources.length, reference);
  return {
    buffered, inference, offsets: estimated.map((o) => o ?? 0), offsetKnown: estimated.map((o) => o !== undefined), evidence, translations,
  };
}
