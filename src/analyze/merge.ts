// k-way merge of capture streams into one stream ordered by aligned time (capture time +
// clock offset). Each capture is already in its own time order. Batches give the time of
// each packet without decoding it, so a packet is decoded only when it is handed on and
// its records die young.

import type { Sighting } from '../correlate/sighting.js';

export type TimedBatch = {
  readonly length: number;
  /** Capture time (seconds) of packet i. */
  t(i: number): number;
  /** The sighting of packet i; called once per packet, in order. */
  take(i: number): Sighting;
};

export type BatchStream = { next(): Promise<TimedBatch | undefined> };

/** A batch of sightings decoded earlier (the warm-up's). */
export function decodedBatch(sightings: readonly Sighting[]): TimedBatch {
  return { length: sightings.length, t: (i) => sightings[i]!.t, take: (i) => sightings[i]! };
}

/** `b` with every sighting passed through `f` as it is taken. */
export function mappedBatch(b: TimedBatch, f: (s: Sighting) => Sighting): TimedBatch {
  return { length: b.length, t: (i) => b.t(i), take: (i) => f(b.take(i)) };
}

/**
 * Hands every sighting to `sink` in aligned-time order; `onBatch` runs after each input
 * batch is used up. Returns the number of sightings.
 */
export async function mergeByTime(
  streams: readonly BatchStream[],
  offsets: readonly number[],
  sink: (s: Sighting) => void,
  onBatch?: () => void,
): Promise<number> {
  let n = 0;
  if (streams.length === 1) {
    // One capture: its own order is the order.
    const stream = streams[0]!;
    for (let b = await stream.next(); b; b = await stream.next()) {
      for (let i = 0; i < b.length; i++) sink(b.take(i));
      n += b.length;
      onBatch?.();
    }
    return n;
  }
  const heads: (TimedBatch | undefined)[] = [];
  const pos: number[] = [];
  // Aligned time of each stream's next packet (Infinity once it has ended): a packet's time is
  // read once, when it becomes its stream's head, not at every comparison of a run.
  const headT = new Float64Array(streams.length);
  for (let i = 0; i < streams.length; i++) {
    const b = await nextNonEmpty(streams[i]!);
    heads.push(b);
    pos.push(0);
    headT[i] = b ? b.t(0) + offsets[i]! : Infinity;
  }
  for (;;) {
    // The earliest head, and the time of the next-earliest (how far its run may go).
    let best = -1, bestT = Infinity, limit = Infinity;
    for (let i = 0; i < heads.length; i++) {
      if (!heads[i]) continue;
      const t = headT[i]!;
      if (best < 0 || t < bestT) { if (best >= 0) limit = Math.min(limit, bestT); best = i; bestT = t; }
      else limit = Math.min(limit, t);
    }
    if (best < 0) break;
    const batch = heads[best]!;
    // Take a run from the best stream while it stays no later than every other head.
    const off = offsets[best]!;
    const start = pos[best]!;
    let p = start, t = bestT;
    do {
      sink(batch.take(p++));
      t = p < batch.length ? batch.t(p) + off : Infinity;
    } while (p < batch.length && t <= limit);
    n += p - start;
    pos[best] = p;
    if (p >= batch.length) {
      const next = await nextNonEmpty(streams[best]!);
      heads[best] = next;
      pos[best] = 0;
      headT[best] = next ? next.t(0) + off : Infinity;
      onBatch?.();
    } else headT[best] = t;
  }
  return n;
}

async function nextNonEmpty(stream: BatchStream): Promise<TimedBatch | undefined> {
  let b = await stream.next();
  while (b && b.length === 0) b = await stream.next();
  return b;
}

/** A stream that first replays buffered batches, then continues with `rest`. */
export function replayThen(buffered: Sighting[][], rest: BatchStream): BatchStream {
  let i = 0;
  return {
    async next() {
      if (i < buffered.length) { const b = buffered[i]!; buffered[i++] = []; return decodedBatch(b); }
      return rest.next();
    },
  };
}
