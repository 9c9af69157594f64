// Messages between a decode worker and the main thread.

import type { CaptureError } from '../io/capture-error.js';
import type { CaptureWarning } from '../io/capture-warning.js';
import type { CaptureFormat, CaptureInterface, InterfaceStats } from '../io/raw-packet.js';
import type { EncodedBatch } from './sighting-codec.js';

/** The worker's reader as the main thread's CaptureReader shows it. */
export type ReaderSnapshot = {
  readonly format: CaptureFormat | undefined;
  readonly compressed: boolean;
  readonly interfaces: readonly CaptureInterface[];
  readonly stats: readonly InterfaceStats[];
  readonly warnings: readonly CaptureWarning[];
  readonly error: CaptureError | undefined;
  readonly bytesRead: number;
  readonly packetCount: number;
};

export type WorkerMessage =
  | { readonly type: 'batch'; readonly batch: EncodedBatch; readonly reader: ReaderSnapshot }
  | { readonly type: 'end'; readonly reader: ReaderSnapshot }
  /** An exception in the worker itself (a bug): the main thread reports it as an internal error. */
  | { readonly type: 'crash'; readonly message: string };
