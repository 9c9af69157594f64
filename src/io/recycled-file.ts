// File chunks read into a small ring of reused buffers: no garbage per read, so memory stays
// flat however long the file is (fresh 1 MiB chunks wait for a full GC to be freed, tens of
// MB at a time). The price is a contract: a chunk's bytes are overwritten a few reads later,
// so whoever keeps packet bytes past the next batch must copy them.

import { open, type FileHandle } from 'node:fs/promises';
import { Ring } from './ring.js';

const RING = 3;

/** A ring of read buffers for recycledFileChunks. */
export function chunkRing(): Ring<Uint8Array> {
  return new Ring(RING);
}

/** `ring` may be shared by files read one after another (read-sequence.ts). */
export function recycledFileChunks(path: string, chunkSize: number, ring: Ring<Uint8Array> = chunkRing()): AsyncIterable<Uint8Array> {
  return {
    [Symbol.asyncIterator]: () => {
      let handle: FileHandle | undefined;
      let closed = false;
      const close = async () => {
        closed = true;
        const h = handle;
        handle = undefined;
        await h?.close();
      };
      return {
        async next(): Promise<IteratorResult<Uint8Array>> {
          if (closed) return { done: true, value: undefined };
          handle ??= await open(path, 'r');
          const buf = ring.next(() => new Uint8Array(chunkSize), (b) => b.length >= chunkSize);
          const { bytesRead } = await handle.read(buf, 0, chunkSize, null);
          if (bytesRead === 0) { await close(); return { done: true, value: undefined }; }
          return { done: false, value: buf.subarray(0, bytesRead) };
        },
        async return(): Promise<IteratorResult<Uint8Array>> {
          await close();
          return { done: true, value: undefined };
        },
      };
    },
  };
}
