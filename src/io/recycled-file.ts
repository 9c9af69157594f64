// File chunks read into a small ring of reused buffers: no garbage per read, so memory stays
// flat however long the file is (fresh 1 MiB chunks wait for a full GC to be freed, tens of
// MB at a time). The price is a contract: a chunk's bytes are overwritten a few reads later,
// so whoever keeps packet bytes past the next batch must copy them.

import { open, type FileHandle } from 'node:fs/promises';

const RING = 3;

export function recycledFileChunks(path: string, chunkSize: number): AsyncIterable<Uint8Array> {
  return {
    [Symbol.asyncIterator]: () => {
      let handle: FileHandle | undefined;
      let closed = false;
      const ring: Uint8Array[] = [];
      let turn = 0;
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
          if (ring.length < RING) ring.push(new Uint8Array(chunkSize));
          const buf = ring[turn++ % ring.length]!;
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
