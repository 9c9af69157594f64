// gzip input is decompressed as a stream (constant memory, backpressure through pipeline),
// then read like any other capture. Offsets after this point are in the decompressed stream.

import { Readable, pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';

/** Larger than zlib's 16 KiB default so batches stay big enough to amortise per-batch work. */
const GUNZIP_CHUNK_SIZE = 256 * 1024;

/** Decompresses `prefix` followed by the rest of `source`. Closing the result closes `source`. */
export function gunzipChunks(prefix: readonly Uint8Array[], source: AsyncIterator<Uint8Array>): AsyncIterator<Uint8Array> {
  // zlib reads its input after the call that hands it over, and a file source may reuse its
  // buffers (recycled-file.ts): zlib gets copies.
  async function* compressed(): AsyncGenerator<Uint8Array, void, void> {
    try {
      for (const chunk of prefix) yield chunk.slice();
      for (;;) {
        const r = await source.next();
        if (r.done === true) return;
        yield r.value.slice();
      }
    } finally {
      await source.return?.();
    }
  }
  const gunzip = createGunzip({ chunkSize: GUNZIP_CHUNK_SIZE });
  // Errors from either side surface through the returned iterator; the callback only
  // keeps pipeline from treating them as unhandled.
  pipeline(Readable.from(compressed(), { objectMode: false }), gunzip, () => {});
  return gunzip[Symbol.asyncIterator]();
}

/** zlib errors carry a Z_* code; anything else came from reading the compressed input. */
export function isZlibError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('Z_');
}
