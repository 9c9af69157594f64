// How a fuzz input is fed to the reader: usually as one chunk, sometimes as a few, cut at random
// or just after a record boundary so a record header straddles two chunks.

import type { Prng } from './prng.js';

/** Splits an input into the chunks the reader is fed: usually one, sometimes a few. */
export function chunksOf(rng: Prng, bytes: Uint8Array, boundaries: readonly number[] | undefined): Uint8Array[] {
  const r = rng.u32() % 100;
  if (r < 65 || bytes.length < 2) return [bytes];
  const cuts = new Set<number>();
  const n = rng.range(1, 3);
  for (let i = 0; i < n; i++) {
    // Cutting near a record boundary makes the reader carry a partial header across chunks.
    const near = r >= 90 && boundaries && boundaries.length > 0 ? rng.pick(boundaries) + rng.range(-3, 20) : rng.int(bytes.length);
    cuts.add(Math.min(Math.max(near, 1), bytes.length - 1));
  }
  const sorted = [...cuts].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let from = 0;
  for (const c of sorted) {
    out.push(bytes.subarray(from, c));
    from = c;
  }
  out.push(bytes.subarray(from));
  return out;
}
