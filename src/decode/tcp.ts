// TCP header (RFC 9293) with the options a handshake check needs: MSS, window scale,
// SACK-permitted and timestamps.

import { readableEnd, u16, u32 } from './bytes.js';
import { TCP_OPTION } from './constants.js';
import type { TcpOptions, TcpSegment } from './frame-types.js';
import type { DecodeIssue } from './issues.js';
import { PackedTcp } from './packed-headers.js';
import { type DecodeFailure, type DecodeResult, decoded, failure, makeIssue, truncated } from './result.js';

const OFF = {
  SPORT: 0, DPORT: 2, SEQ: 4, ACK: 8, DATA_OFFSET_FLAGS: 12,
  WINDOW: 14, CHECKSUM: 16, URGENT_POINTER: 18, OPTIONS: 20,
} as const;
export const TCP_MIN_HEADER_LENGTH = 20;
const FLAGS_MASK = 0x0fff;
/** Lengths the options must have to be read; other lengths are skipped, not trusted. */
const OPTION_LENGTH = { MSS: 4, WINDOW_SCALE: 3, SACK_PERMITTED: 2, TIMESTAMPS: 10 } as const;

/** NOP, NOP, timestamps (kind 8, length 10): the only options of a typical established segment. */
const ALIGNED_TIMESTAMPS_PREFIX = 0x0101080a;
const ALIGNED_TIMESTAMPS_HEADER_LENGTH = 32;

export const NO_TCP_OPTIONS: TcpOptions = Object.freeze({
  mss: undefined, windowScale: undefined, sackPermitted: undefined, tsVal: undefined, tsEcr: undefined,
});

/** The option problem found by the last readTcp() call (decodeTcp's `issue`). */
let optionIssue: DecodeIssue | undefined;

/**
 * `end` is the declared end of the IP packet (so the payload length follows from it). A bad
 * option stops the option walk: the header is kept and the problem returned in `issue`.
 */
export function decodeTcp(b: Uint8Array, off: number, end: number): DecodeResult<TcpSegment> {
  const r = readTcp(b, off, end);
  return 'ok' in r ? r : decoded(r, r.payloadOffset, optionIssue);
}

/** decodeTcp's issue for the segment readTcp() returned last. */
export function tcpOptionIssue(): DecodeIssue | undefined {
  return optionIssue;
}

/** decodeTcp without the result wrapper (decodeFrame's path, run for every frame); `packed` as in readIpv4. */
export function readTcp(b: Uint8Array, off: number, end: number, packed = false): TcpSegment | DecodeFailure {
  optionIssue = undefined;
  const avail = readableEnd(b, end);
  if (off + TCP_MIN_HEADER_LENGTH > avail) {
    return truncated('tcp.truncated', off, off + TCP_MIN_HEADER_LENGTH, end);
  }
  const offsetFlags = u16(b, off + OFF.DATA_OFFSET_FLAGS);
  const headerLength = (offsetFlags >>> 12) * 4;
  if (headerLength < TCP_MIN_HEADER_LENGTH) return failure('tcp.bad-data-offset', 'malformed', off);
  const next = off + headerLength;
  if (next > avail) return truncated('tcp.truncated', off, next, end);

  if (packed) {
    // The usual timestamps stay two words in the record instead of an options object.
    const aligned = headerLength === ALIGNED_TIMESTAMPS_HEADER_LENGTH && u32(b, off + OFF.OPTIONS) === ALIGNED_TIMESTAMPS_PREFIX;
    return new PackedTcp(b, off, end - next, aligned ? undefined : readTcpOptions(b, off, next));
  }
  const options = readTcpOptions(b, off, next);

  const segment: TcpSegment = {
    kind: 'tcp',
    offset: off,
    sport: u16(b, off + OFF.SPORT),
    dport: u16(b, off + OFF.DPORT),
    seq: u32(b, off + OFF.SEQ),
    ack: u32(b, off + OFF.ACK),
    headerLength,
    flags: offsetFlags & FLAGS_MASK,
    window: u16(b, off + OFF.WINDOW),
    checksum: u16(b, off + OFF.CHECKSUM),
    urgentPointer: u16(b, off + OFF.URGENT_POINTER),
    options,
    payloadOffset: next,
    payloadLength: end - next,
  };
  return segment;
}

/**
 * The options of the TCP header at `off` that ends at `next` (its length already checked).
 * A bad option stops the walk and is left in tcpOptionIssue().
 */
function readTcpOptions(b: Uint8Array, off: number, next: number): TcpOptions {
  const headerLength = next - off;
  if (headerLength === ALIGNED_TIMESTAMPS_HEADER_LENGTH && u32(b, off + OFF.OPTIONS) === ALIGNED_TIMESTAMPS_PREFIX) {
    // The layout of almost every Linux segment after the handshake (the kernel's own fast path).
    return {
      mss: undefined, windowScale: undefined, sackPermitted: undefined,
      tsVal: u32(b, off + OFF.OPTIONS + 4), tsEcr: u32(b, off + OFF.OPTIONS + 8),
    };
  }
  if (headerLength <= TCP_MIN_HEADER_LENGTH) return NO_TCP_OPTIONS;
  let mss: number | undefined, windowScale: number | undefined, sackPermitted: boolean | undefined;
  let tsVal: number | undefined, tsEcr: number | undefined;
  // Each step advances by at least one byte, so the walk ends within the 40 option bytes.
  for (let p = off + OFF.OPTIONS; p < next; ) {
    const kind = b[p]!;
    if (kind === TCP_OPTION.END) break;
    if (kind === TCP_OPTION.NOP) { p++; continue; }
    const length = p + 1 < next ? b[p + 1]! : 0;
    if (length < 2 || p + length > next) {
      optionIssue = makeIssue('tcp.bad-option', 'malformed', off);
      break;
    }
    if (kind === TCP_OPTION.MSS && length === OPTION_LENGTH.MSS) mss = u16(b, p + 2);
    else if (kind === TCP_OPTION.WINDOW_SCALE && length === OPTION_LENGTH.WINDOW_SCALE) windowScale = b[p + 2]!;
    else if (kind === TCP_OPTION.SACK_PERMITTED && length === OPTION_LENGTH.SACK_PERMITTED) sackPermitted = true;
    else if (kind === TCP_OPTION.TIMESTAMPS && length === OPTION_LENGTH.TIMESTAMPS) {
      tsVal = u32(b, p + 2);
      tsEcr = u32(b, p + 6);
    }
    p += length;
  }
  if (mss !== undefined || windowScale !== undefined || sackPermitted !== undefined || tsVal !== undefined) {
    return { mss, windowScale, sackPermitted, tsVal, tsEcr };
  }
  return NO_TCP_OPTIONS;
}
