// Feeds one input chunk to a framer. A record left over from the previous chunk is completed
// first, copying only as many bytes as that record needs; the rest of the chunk is framed in
// place, so chunks are never concatenated and packets view the chunk directly.

import type { ChunkCarry } from './chunk-carry.js';
import type { Framer, ReaderState } from './reader-state.js';
import type { PacketSink } from './packet-batch.js';

/** `base` is the stream offset of chunk[0]. Errors land in `state.error`. */
export function frameChunk(
  framer: Framer, state: ReaderState, carry: ChunkCarry, chunk: Uint8Array, base: number, out: PacketSink,
): void {
  const n = chunk.length;
  let p = 0;
  while (!carry.isEmpty) {
    const need = framer.need;
    if (need <= carry.length) {
      // A framer must ask for more than it was given; anything else would spin forever.
      state.fail('read-failed', carry.base, `internal framing error at byte ${carry.base}: no progress with ${carry.length} bytes`);
      return;
    }
    const take = Math.min(need - carry.length, n - p);
    carry.append(chunk, p, take, need);
    p += take;
    if (carry.length < need) return;
    const consumed = framer.frame(carry.buf, 0, carry.length, carry.base, out);
    if (state.error !== undefined) return;
    if (consumed === carry.length) {
      carry.release();
    } else if (consumed > 0) {
      const rest = carry.buf.subarray(consumed, carry.length);
      carry.start(rest, 0, rest.length, carry.base + consumed, framer.need);
    }
    // consumed === 0: the record's full length is known now and larger; keep filling.
  }
  if (p < n) {
    const consumed = framer.frame(chunk, p, n, base, out);
    if (state.error !== undefined) return;
    if (consumed < n) carry.start(chunk, consumed, n, base + consumed, framer.need);
  }
}
