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
  for (const s of streams) { heads.push(await s.next()); pos.push(0); }
  for (;;) {
    let best = -1, bestT = Infinity;
    for (let i = 0; i < heads.length; i++) {
      const h = heads[i];
      if (!h) continue;
      const t = h.t(pos[i]!) + offsets[i]!;
      if (t < bestT || best < 0) { best = i; bestT = t; }
    }
    if (best < 0) break;
    const batch = heads[best]!;
    // Take a run from the best stream while it stays no later than every other head.
    let limit = Infinity;
    for (let i = 0; i < heads.length; i++) {
      const h = heads[i];
      if (i !== best && h) limit = Math.min(limit, h.t(pos[i]!) + offsets[i]!);
    }
    const off = offsets[best]!;
    const start = pos[best]!;
    let p = start;
    while (p < batch.length && batch.t(p) + off <= limit) sink(batch.take(p++));
    if (p === start) sink(batch.take(p++));
    n += p - start;
    pos[best] = p;
    if (p >= batch.length) { heads[best] = await streams[best]!.next(); pos[best] = 0; onBatch?.(); }
  }
  return n;
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
