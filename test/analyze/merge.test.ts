// mergeByTime hands the captures' sightings on in aligned-time order. It keeps each stream's
// next time instead of reading it at every comparison; the order it gives must be exactly the
// order of the plain algorithm below (the earliest head, then a run of its stream while it is
// no later than every other head), on random streams with ties, offsets and empty batches.

import { describe, expect, it } from 'vitest';
import { decodedBatch, mergeByTime, type BatchStream, type TimedBatch } from '../../src/analyze/merge.js';
import type { Sighting } from '../../src/correlate/sighting.js';
import { random } from '../support/random.js';

/** A stand-in sighting: only `capture` and `t` matter to the merge. */
function sighting(capture: number, t: number, index: number): Sighting {
  return { capture, t, identity: index, invariant: 0, invariantSpan: 0, ipChecksumOk: undefined, frame: undefined as never };
}

function streamOf(batches: Sighting[][]): BatchStream {
  let i = 0;
  return { next: async () => (i < batches.length ? decodedBatch(batches[i++]!) : undefined) };
}

/** The merge as first written: every head's time read at every comparison. */
async function referenceMerge(streams: readonly BatchStream[], offsets: readonly number[]): Promise<Sighting[]> {
  const out: Sighting[] = [];
  const next = async (s: BatchStream): Promise<TimedBatch | undefined> => {
    let b = await s.next();
    while (b && b.length === 0) b = await s.next();
    return b;
  };
  const heads: (TimedBatch | undefined)[] = [];
  const pos: number[] = [];
  for (const s of streams) { heads.push(await next(s)); pos.push(0); }
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
    let limit = Infinity;
    for (let i = 0; i < heads.length; i++) {
      const h = heads[i];
      if (i !== best && h) limit = Math.min(limit, h.t(pos[i]!) + offsets[i]!);
    }
    const start = pos[best]!;
    let p = start;
    while (p < batch.length && batch.t(p) + offsets[best]! <= limit) out.push(batch.take(p++));
    if (p === start) out.push(batch.take(p++));
    pos[best] = p;
    if (p >= batch.length) { heads[best] = await next(streams[best]!); pos[best] = 0; }
  }
  return out;
}

/** Streams of batches with non-decreasing times on a coarse grid, so that ties are common. */
function randomStreams(next: () => number): { batches: Sighting[][][]; offsets: number[] } {
  const count = 1 + Math.floor(next() * 5);
  const batches: Sighting[][][] = [];
  const offsets: number[] = [];
  let index = 0;
  for (let c = 0; c < count; c++) {
    offsets.push(Math.floor(next() * 3) * 0.5 - 0.5);
    let t = Math.floor(next() * 4);
    const stream: Sighting[][] = [];
    for (let b = Math.floor(next() * 5); b > 0; b--) {
      const batch: Sighting[] = [];
      for (let k = Math.floor(next() * 8); k > 0; k--) {
        t += Math.floor(next() * 3) * 0.5;
        batch.push(sighting(c, t, index++));
      }
      stream.push(batch);
    }
    batches.push(stream);
  }
  return { batches, offsets };
}

describe('mergeByTime', () => {
  it('gives exactly the plain algorithm\'s order on random streams (ties, offsets, empty batches)', async () => {
    const next = random(42);
    for (let round = 0; round < 2000; round++) {
      const { batches, offsets } = randomStreams(next);
      const expected = await referenceMerge(batches.map(streamOf), offsets);
      const got: Sighting[] = [];
      let batchesDone = 0;
      const n = await mergeByTime(batches.map(streamOf), offsets, (s) => got.push(s), () => batchesDone++);
      expect(got.map((s) => s.identity)).toEqual(expected.map((s) => s.identity));
      expect(n).toBe(batches.flat(2).length);
      // Aligned time never goes back.
      for (let i = 1; i < got.length; i++) {
        expect(got[i]!.t + offsets[got[i]!.capture]!).toBeGreaterThanOrEqual(got[i - 1]!.t + offsets[got[i - 1]!.capture]!);
      }
      if (batches.length > 1) expect(batchesDone).toBe(batches.flat(1).filter((b) => b.length > 0).length);
    }
  });
});
