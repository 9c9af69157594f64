// Helpers for reader tests: feed bytes in chosen chunk sizes and collect everything the
// reader reports in a plain, comparable shape.

import { readCapture, type CaptureReader, type ReadOptions } from '../../src/io/read-capture.js';
import type { RawPacket } from '../../src/io/raw-packet.js';

export async function* fromChunks(chunks: Iterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  for (const c of chunks) yield c;
}

/** Splits `bytes` into pieces of the given sizes, cycling through them. */
export function split(bytes: Uint8Array, sizes: number | readonly number[]): Uint8Array[] {
  const list = typeof sizes === 'number' ? [sizes] : sizes;
  const out: Uint8Array[] = [];
  let pos = 0;
  for (let i = 0; pos < bytes.length; i++) {
    const size = Math.max(1, list[i % list.length]!);
    out.push(bytes.slice(pos, pos + size));
    pos += size;
  }
  return out;
}

export type PacketCopy = Omit<RawPacket, 'data'> & { readonly data: number[] };

export type ReadResult = {
  readonly reader: CaptureReader;
  readonly packets: PacketCopy[];
  readonly batchCount: number;
};

export async function readAll(input: Uint8Array | readonly Uint8Array[] | AsyncIterable<Uint8Array>, options?: ReadOptions): Promise<ReadResult> {
  const chunks = input instanceof Uint8Array ? fromChunks([input])
    : Array.isArray(input) ? fromChunks(input as readonly Uint8Array[])
      : input as AsyncIterable<Uint8Array>;
  const reader = readCapture(chunks, options);
  const packets: PacketCopy[] = [];
  let batchCount = 0;
  for await (const batch of reader.batches()) {
    batchCount++;
    for (const p of batch) packets.push({ ...p, data: Array.from(p.data) });
  }
  return { reader, packets, batchCount };
}

/** Everything observable about a read, for comparing two reads of the same bytes. */
export async function readSummary(input: Uint8Array | readonly Uint8Array[], options?: ReadOptions): Promise<unknown> {
  const { reader, packets } = await readAll(input, options);
  return {
    format: reader.format,
    packets,
    interfaces: reader.interfaces,
    stats: reader.stats.map((s) => ({ ...s, ifRecv: s.ifRecv?.toString(), ifDrop: s.ifDrop?.toString(), osDrop: s.osDrop?.toString() })),
    warnings: reader.warnings,
    error: reader.error,
    packetCount: reader.packetCount,
  };
}
