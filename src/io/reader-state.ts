// What a framer learns while reading, shared with the reader that exposes it. Framers write
// here; the reader only reads. The first error wins and stops the reader.

import type { CaptureError, CaptureErrorCode } from './capture-error.js';
import type { CaptureWarning, CaptureWarningCode } from './capture-warning.js';
import type { PacketSink } from './packet-batch.js';
import type { CaptureInterface, InterfaceStats } from './raw-packet.js';

/** Beyond this, further warnings are dropped so a hostile file cannot grow the list. */
export const MAX_WARNINGS = 100;

export class ReaderState {
  readonly interfaces: CaptureInterface[] = [];
  readonly stats: InterfaceStats[] = [];
  readonly warnings: CaptureWarning[] = [];
  error: CaptureError | undefined = undefined;
  /** Packets delivered so far; the next packet's frame number is this + 1. */
  packetCount = 0;
  private readonly warnedCodes = new Set<CaptureWarningCode>();

  fail(code: CaptureErrorCode, offset: number, message: string): void {
    this.error ??= { code, offset, message };
  }

  warn(code: CaptureWarningCode, offset: number, message: string): void {
    if (this.warnings.length < MAX_WARNINGS) {
      this.warnings.push({ code, offset, message });
    } else if (this.warnings.length === MAX_WARNINGS) {
      this.warnings.push({ code: 'warnings-suppressed', offset, message: `more than ${MAX_WARNINGS} warnings; the rest are not listed` });
    }
  }

  /** For conditions that may repeat on every record: report the first one only. */
  warnOnce(code: CaptureWarningCode, offset: number, message: string): void {
    if (this.warnedCodes.has(code)) return;
    this.warnedCodes.add(code);
    this.warn(code, offset, message);
  }

  setStats(entry: InterfaceStats): void {
    const i = this.stats.findIndex((s) => s.interfaceId === entry.interfaceId);
    if (i < 0) this.stats.push(entry);
    else this.stats[i] = entry;
  }
}

/**
 * Frames records of one container format. `frame` consumes complete records from
 * buf[pos, end) and returns where the first incomplete one starts; `need` then says how many
 * bytes from that point it needs to make progress (always more than it was given, and never
 * more than the configured caps). On bad input it calls state.fail and stops.
 */
export interface Framer {
  readonly need: number;
  /** `base` is the stream offset of buf[0]. */
  frame(buf: Uint8Array, pos: number, end: number, base: number, out: PacketSink): number;
  /** Input ended with `have` unconsumed bytes starting at stream offset `offset`. */
  finish(offset: number, have: number): void;
}
