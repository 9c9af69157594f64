// IPv4 header (RFC 791). The payload ends at the total length, not at the end of the frame:
// Ethernet padding and trailers are not part of the packet.

import { ipv4At } from './addresses.js';
import { readableEnd, u16 } from './bytes.js';
import type { Ipv4Header } from './frame-types.js';
import { PackedIpv4 } from './packed-headers.js';
import { type DecodeFailure, type DecodeResult, decoded, failure, truncated } from './result.js';

const OFF = {
  VERSION_IHL: 0, TOS: 1, TOTAL_LENGTH: 2, ID: 4, FLAGS_FRAGMENT: 6,
  TTL: 8, PROTOCOL: 9, CHECKSUM: 10, SRC: 12, DST: 16,
} as const;
export const IPV4_MIN_HEADER_LENGTH = 20;
const FLAG_DF = 0x4000;
const FLAG_MF = 0x2000;
const FRAGMENT_OFFSET_MASK = 0x1fff;

/** `end` is the declared end of the enclosing frame. */
export function decodeIpv4(b: Uint8Array, off: number, end: number): DecodeResult<Ipv4Header> {
  const r = readIpv4(b, off, end);
  return 'ok' in r ? r : decoded(r, off + r.headerLength);
}

/**
 * decodeIpv4 without the result wrapper (decodeFrame's path, run for every frame). `packed`:
 * the same header as a PackedIpv4 (the analysis's smaller record).
 */
export function readIpv4(b: Uint8Array, off: number, end: number, packed = false): Ipv4Header | DecodeFailure {
  const avail = readableEnd(b, end);
  if (off + IPV4_MIN_HEADER_LENGTH > avail) {
    return truncated('ipv4.truncated', off, off + IPV4_MIN_HEADER_LENGTH, end);
  }
  const versionIhl = b[off + OFF.VERSION_IHL]!;
  if (versionIhl >>> 4 !== 4) return failure('ipv4.bad-version', 'malformed', off);
  const headerLength = (versionIhl & 0x0f) * 4;
  if (headerLength < IPV4_MIN_HEADER_LENGTH) return failure('ipv4.bad-header-length', 'malformed', off);
  const totalLength = u16(b, off + OFF.TOTAL_LENGTH);
  // tot_len 0 marks a GRO / BIG TCP packet over 64 KiB when the frame goes on past the header.
  const isBig = totalLength === 0 && end - off > headerLength;
  if (totalLength < headerLength && !isBig) return failure('ipv4.bad-total-length', 'malformed', off);
  const next = off + headerLength;
  if (next > avail) return truncated('ipv4.truncated', off, next, end);
  if (packed) return new PackedIpv4(b, off);
  const flagsFragment = u16(b, off + OFF.FLAGS_FRAGMENT);
  const header: Ipv4Header = {
    version: 4,
    offset: off,
    headerLength,
    tos: b[off + OFF.TOS]!,
    totalLength,
    id: u16(b, off + OFF.ID),
    dontFragment: (flagsFragment & FLAG_DF) !== 0,
    moreFragments: (flagsFragment & FLAG_MF) !== 0,
    fragmentOffset: (flagsFragment & FRAGMENT_OFFSET_MASK) * 8,
    ttl: b[off + OFF.TTL]!,
    protocol: b[off + OFF.PROTOCOL]!,
    checksum: u16(b, off + OFF.CHECKSUM),
    src: ipv4At(b, off + OFF.SRC),
    dst: ipv4At(b, off + OFF.DST),
    optionsLength: headerLength - IPV4_MIN_HEADER_LENGTH,
  };
  return header;
}

/** Where the packet ends: at its total length, or at the frame's end for a BIG TCP packet. */
export function ipv4PacketEnd(header: Ipv4Header, frameEnd: number): number {
  return header.totalLength === 0 ? frameEnd : header.offset + header.totalLength;
}
