// Wraps a source's reader so `watch` sees every batch before the analysis decodes it (to save
// it with --write) and learns when the stream ends by itself. Once sealed (on stop), later
// batches are neither saved nor analysed, so the saved files hold what was analysed.

import type { CaptureReader } from '../io/read-capture.js';
import type { RawPacket } from '../io/raw-packet.js';

export type ReaderTap = {
  /** Sees each batch before the analysis does; the packets' bytes are valid only until it returns. */
  readonly onBatch?: (batch: readonly RawPacket[]) => Promise<void> | void;
  /** The stream ended by itself (end of stream, or an error in reader.error). */
  readonly onEnd?: () => void;
};

export type TappedReader = CaptureReader & {
  /** Stops passing batches on; the stream's end is not reported after this. */
  seal(): void;
  readonly sealed: boolean;
  /** Packets passed on so far. */
  readonly packets: number;
};

export function tapReader(inner: CaptureReader, tap: ReaderTap): TappedReader {
  let sealed = false;
  let packets = 0;
  return {
    async *batches() {
      for await (const batch of inner.batches()) {
        if (sealed) return;
        await tap.onBatch?.(batch);
        packets += batch.length;
        yield batch;
      }
      if (!sealed) tap.onEnd?.();
    },
    seal() { sealed = true; },
    get sealed() { return sealed; },
    get packets() { return packets; },
    get format() { return inner.format; },
    get compressed() { return inner.compressed; },
    get interfaces() { return inner.interfaces; },
    get stats() { return inner.stats; },
    get warnings() { return inner.warnings; },
    get error() { return inner.error; },
    get bytesRead() { return inner.bytesRead; },
    get packetCount() { return inner.packetCount; },
  };
}
