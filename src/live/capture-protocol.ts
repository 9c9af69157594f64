// What the capture process tells `watch` over its IPC channel; the packets themselves go to
// its stdout as a pcap stream.

import type { CaptureFailure, CaptureFailureKind } from './capture-failure.js';

export type CaptureMessage =
  | { readonly type: 'ready'; readonly linkType: number }
  | { readonly type: 'failed'; readonly failure: CaptureFailure };

const KINDS: readonly CaptureFailureKind[] = ['missing-binding', 'permission', 'no-device', 'bad-filter', 'failed'];

export function isCaptureMessage(value: unknown): value is CaptureMessage {
  const m = value as { type?: unknown; linkType?: unknown; failure?: { kind?: unknown; detail?: unknown } } | null;
  if (typeof m !== 'object' || m === null) return false;
  if (m.type === 'ready') return typeof m.linkType === 'number';
  return m.type === 'failed' && typeof m.failure?.detail === 'string' && KINDS.includes(m.failure.kind as CaptureFailureKind);
}
