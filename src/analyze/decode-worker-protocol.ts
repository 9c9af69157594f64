// Messages between a decode worker and the main thread.

import type { CaptureReader } from '../io/read-capture.js';
import type { EncodedBatch } from './sighting-codec.js';

/** The worker's reader as the main thread's CaptureReader shows it. */
export type ReaderSnapshot = Pick<CaptureReader, 'format' | 'compressed' | 'interfaces' | 'stats' | 'warnings' | 'error' | 'bytesRead' | 'packetCount'>;

export type WorkerMessage =
  | { readonly type: 'batch'; readonly batch: EncodedBatch; readonly reader: ReaderSnapshot }
  | { readonly type: 'end'; readonly reader: ReaderSnapshot }
  /** An exception in the worker itself (a bug): the main thread reports it as an internal error. */
  | { readonly type: 'crash'; readonly message: string };
