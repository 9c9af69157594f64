// Entry points for files and streams. The file is opened only when batches() starts, so an
// unread reader never leaves an open descriptor or an unhandled 'error' event; open and read
// failures become CaptureError 'read-failed' like any other problem.

import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { readCapture, type CaptureReader, type ReadOptions } from './read-capture.js';
import { recycledFileChunks } from './recycled-file.js';
import type { Ring } from './ring.js';

/** Big reads keep per-chunk overhead negligible next to per-packet work. */
export const FILE_CHUNK_SIZE = 1024 * 1024;

export type FileReadOptions = ReadOptions & {
  /**
   * Read into a ring of reused buffers (recycled-file.ts): a batch's bytes stay valid only
   * until the next batch is asked for. For consumers that decode each packet and drop it.
   */
  readonly recycleBuffers?: boolean;
  /** Bytes per read (FILE_CHUNK_SIZE by default): smaller for a peek at the start of a file. */
  readonly chunkSize?: number;
  /** With recycleBuffers: the read buffers, shared by files read one after another. */
  readonly chunkRing?: Ring<Uint8Array>;
};

export function openCaptureFile(path: string, options?: FileReadOptions): CaptureReader {
  const chunkSize = options?.chunkSize ?? FILE_CHUNK_SIZE;
  if (options?.recycleBuffers) return readCapture(recycledFileChunks(path, chunkSize, options.chunkRing), options);
  return readCapture(streamChunks(() => createReadStream(path, { highWaterMark: chunkSize })), options);
}

/** Reads from stdin, a child's stdout, or any async iterable of byte chunks. */
export function readCaptureStream(
  stream: NodeJS.ReadableStream | AsyncIterable<Uint8Array>, options?: ReadOptions,
): CaptureReader {
  if (stream instanceof Readable) return readCapture(streamChunks(() => stream), options);
  if ('pipe' in stream && typeof stream.pipe === 'function') {
    // An old-style or foreign stream: wrap it lazily for the same reason as above.
    const foreign = stream;
    return readCapture(streamChunks(() => new Readable().wrap(foreign)), options);
  }
  return readCapture(stream as AsyncIterable<Uint8Array>, options);
}

/**
 * Iterates a stream created on first use. Closing the iteration destroys the stream at once,
 * even while a read is pending (a stream's own iterator would wait for that read first).
 */
function streamChunks(open: () => Readable): AsyncIterable<Uint8Array> {
  return {
    [Symbol.asyncIterator]: () => {
      const stream = open();
      const it = stream[Symbol.asyncIterator]() as AsyncIterator<Uint8Array>;
      return {
        next: () => it.next(),
        return: async () => {
          stream.destroy();
          return { done: true, value: undefined };
        },
      };
    },
  };
}
