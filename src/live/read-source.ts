// `--read NAME=FILE|-`: a capture stream that is already running, written to a FIFO or piped
// to stdin (or a file, read to its end). A FIFO is read through a non-blocking pipe handle so
// stopping never waits for a writer that does not come.

import { constants, createReadStream, openSync, statSync } from 'node:fs';
import { Socket } from 'node:net';
import type { Readable } from 'node:stream';
import { readCaptureStream } from '../io/open-capture.js';
import type { Role } from '../report/report-types.js';
import { readerFailure, type LiveSource, type SourceEnd } from './live-source.js';

export type ReadSpec = { readonly name: string; readonly path: string; readonly roleHint?: Role };

export const STDIN_PATH = '-';

function openStream(path: string): Readable {
  if (statSync(path).isFIFO()) {
    const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    return new Socket({ fd, readable: true, writable: false });
  }
  return createReadStream(path, { highWaterMark: 1024 * 1024 });
}

export function startReadSource(spec: ReadSpec, stdin: NodeJS.ReadableStream & AsyncIterable<Uint8Array>): LiveSource {
  let stream: Readable | NodeJS.ReadableStream | undefined;
  let stopped = false;
  const chunks: AsyncIterable<Uint8Array> = {
    [Symbol.asyncIterator]: () => {
      if (stopped) return (async function* nothing() { /* stopped before it started */ })();
      const s = spec.path === STDIN_PATH ? stdin : openStream(spec.path);
      stream = s;
      return (s as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
    },
  };
  const reader = readCaptureStream(chunks);
  return {
    name: spec.name,
    label: spec.path === STDIN_PATH ? '<stdin>' : spec.path,
    kind: 'read',
    ...(spec.roleHint ? { roleHint: spec.roleHint } : {}),
    reader,
    async settle(): Promise<SourceEnd> {
      const broken = readerFailure(reader);
      return broken ? { kind: 'failed', reason: broken } : { kind: 'ended', reason: 'the stream ended' };
    },
    async stop() {
      stopped = true;
      const s = stream as (NodeJS.ReadableStream & { destroy?: () => void }) | undefined;
      s?.destroy?.();
    },
  };
}
