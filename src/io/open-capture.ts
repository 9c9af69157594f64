// Entry points for files and streams. The file is opened only when batches() starts, so an
// unread reader never leaves an open descriptor or an unhandled 'error' event; open and read
// failures become CaptureError 'read-failed' like any other problem.

import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { readCapture, type CaptureReader, type ReadOptions } from './read-capture.js';

/** Big reads keep per-chunk overhead negligible next to per-packet work. */
export const FILE_CHUNK_SIZE = 1024 * 1024;

export function openCaptureFile(path: string, options?: ReadOptions): CaptureReader {
  const chunks: AsyncIterable<Uint8Array> = {
    [Symbol.asyncIterator]: () => createReadStream(path, { highWaterMark: FILE_CHUNK_SIZE })[Symbol.asyncIterator](),
  };
  return readCapture(chunks, options);
}

/** Reads from stdin, a child's stdout, or any async iterable of byte chunks. */
export function readCaptureStream(
  stream: NodeJS.ReadableStream | AsyncIterable<Uint8Array>, options?: ReadOptions,
): CaptureReader {
  if (Symbol.asyncIterator in stream) return readCapture(stream as AsyncIterable<Uint8Array>, options);
  // An old-style stream without async iteration: wrap it lazily for the same reason as above.
  const chunks: AsyncIterable<Uint8Array> = {
    [Symbol.asyncIterator]: () => new Readable().wrap(stream)[Symbol.asyncIterator](),
  };
  return readCapture(chunks, options);
}
