// k-way merge of capture streams into one stream ordered by aligned time (capture time +
// clock offset). Each capture is already in its own time order; sightings are emitted in
// arrays so the per-packet cost is a comparison, not an await.

import type { Sighting } from '../correlate/sighting.js';

export type BatchStream = { next(): Promise<Sighting[] | undefined> };

const OUT_BATCH = 4096;

export async function* mergeByTime(
  streams: readonly BatchStream[],
  offsets: readonly number[],
): AsyncGenerator<Sighting[], void, void> {
  const heads: (Sighting[] | undefined)[] = [];
  const pos: number[] = [];
  for (const s of streams) { heads.push(await s.next()); pos.push(0); }
  let out: Sighting[] = [];
  for (;;) {
    let best = -1, bestT = Infinity;
    for (let i = 0; i < heads.length; i++) {
      const h = heads[i];
      if (!h) continue;
      const t = h[pos[i]!]!.t + offsets[i]!;
      if (t < bestT || best < 0) { best = i; bestT = t; }
    }
    if (best < 0) break;
    const batch = heads[best]!;
    // Take a run from the best stream while it stays no later than every other head.
    let limit = Infinity;
    for (let i = 0; i < heads.length; i++) {
      const h = heads[i];
      if (i !== best && h) limit = Math.min(limit, h[pos[i]!]!.t + offsets[i]!);
    }
    const off = offsets[best]!;
    let p = pos[best]!;
    while (p < batch.length && batch[p]!.t + off <= limit) out.push(batch[p++]!);
    if (p === pos[best]) out.push(batch[p++]!);
    pos[best] = p;
    if (p >= batch.length) { heads[best] = await streams[best]!.next(); pos[best] = 0; }
    if (out.length >= OUT_BATCH) { yield out; out = []; }
  }
  if (out.length) yield out;
}

/** A stream that first replays buffered batches, then continues with `rest`. */
export function replayThen(buffered: Sighting[][], rest: BatchStream): BatchStream {
  let i = 0;
  return {
    async next() {
      if (i < buffered.length) { const b = buffered[i]!; buffered[i++] = []; return b; }
      return rest.next();
    },
  };
}
