// A capture source `watch` reads while it runs: a local interface, a remote command or a
// stream (FIFO, stdin). Each ends by itself (reported) or is stopped by `watch` (not reported).

import type { CaptureReader } from '../io/read-capture.js';
import type { Role } from '../report/report-types.js';

export type SourceKind = 'interface' | 'remote' | 'read';

export type SourceEnd =
  | { readonly kind: 'ended'; readonly reason: string }
  | { readonly kind: 'failed'; readonly reason: string; readonly stderr?: string };

export type LiveSource = {
  /** Host label, as analyze's --role NAME. */
  readonly name: string;
  /** Where the packets come from, as the report's capture "file". */
  readonly label: string;
  readonly kind: SourceKind;
  readonly roleHint?: Role;
  readonly reader: CaptureReader;
  /** Called once the stream ended by itself: how the source ended (waits briefly for its process). */
  settle(): Promise<SourceEnd>;
  /** Stops reading and ends the process behind the source, if any. */
  stop(): Promise<void>;
};

/** What was wrong with the stream, from the reader's error; undefined for a clean end. */
export function readerFailure(reader: CaptureReader): string | undefined {
  const e = reader.error;
  if (!e) return undefined;
  if (e.code === 'empty') return 'no capture data arrived';
  return `the capture stream broke at byte ${e.offset}: ${e.message}`;
}
