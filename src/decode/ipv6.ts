// IPv6 header (RFC 8200) and the walk over extension headers to the upper-layer protocol.

import { ipv6At } from './addresses.js';
import { readableEnd, u16, u32 } from './bytes.js';
import { IPPROTO } from './constants.js';
import type { Ipv6Header } from './frame-types.js';
import type { DecodeIssue } from './issues.js';
import { type DecodeResult, decoded, failure, makeIssue, shortCause, truncated } from './result.js';

const OFF = { VERSION_CLASS_FLOW: 0, PAYLOAD_LENGTH: 4, NEXT_HEADER: 6, HOP_LIMIT: 7, SRC: 8, DST: 24 } as const;
const EXT_OFF = { NEXT_HEADER: 0, LENGTH: 1, FRAGMENT_OFFSET_FLAGS: 2, FRAGMENT_ID: 4 } as const;
export const IPV6_HEADER_LENGTH = 40;
/** Every extension header is at least this long (and a fragment header exactly this). */
const EXT_MIN_LENGTH = 8;
export const MAX_EXTENSION_HEADERS = 16;
const NO_EXTENSIONS: readonly number[] = Object.freeze([]);

export function isIpv6ExtensionHeader(nextHeader: number): boolean {
  switch (nextHeader) {
    case IPPROTO.HOPOPTS: case IPPROTO.ROUTING: case IPPROTO.FRAGMENT: case IPPROTO.DSTOPTS:
    case IPPROTO.AH: case IPPROTO.MOBILITY: case IPPROTO.HIP: case IPPROTO.SHIM6:
      return true;
    default:
      return false;
  }
}

/**
 * `end` is the declared end of the enclosing frame. When the extension-header walk cannot
 * finish, the header is still returned, with `protocol` set to the next-header value where the
 * walk stopped, and the reason in `issue`.
 */
export function decodeIpv6(b: Uint8Array, off: number, end: number): DecodeResult<Ipv6Header> {
  const avail = readableEnd(b, end);
  if (off + IPV6_HEADER_LENGTH > avail) return truncated('ipv6.truncated', off, off + IPV6_HEADER_LENGTH, end);
  const word0 = u32(b, off + OFF.VERSION_CLASS_FLOW);
  if (word0 >>> 28 !== 6) return failure('ipv6.bad-version', 'malformed', off);
  const payloadLength = u16(b, off + OFF.PAYLOAD_LENGTH);
  let nextHeader = b[off + OFF.NEXT_HEADER]!;
  const packetEnd = packetEndOf(off, payloadLength, nextHeader, end);
  const walkEnd = packetEnd < end ? packetEnd : end;
  const walkAvail = readableEnd(b, walkEnd);

  let p = off + IPV6_HEADER_LENGTH;
  let walkedHeaders: number[] | undefined;
  let fragment: Ipv6Header['fragment'];
  let issue: DecodeIssue | undefined;
  for (let walked = 0; isIpv6ExtensionHeader(nextHeader); walked++) {
    if (walked === MAX_EXTENSION_HEADERS) {
      issue = makeIssue('ipv6.too-many-extension-headers', 'unsupported', off);
      break;
    }
    if (p + EXT_MIN_LENGTH > walkAvail) {
      issue = makeIssue('ipv6.extension-truncated', shortCause(p + EXT_MIN_LENGTH, walkEnd), off);
      break;
    }
    const length = extensionLength(nextHeader, b[p + EXT_OFF.LENGTH]!);
    if (p + length > walkAvail) {
      issue = makeIssue('ipv6.extension-truncated', shortCause(p + length, walkEnd), off);
      break;
    }
    (walkedHeaders ??= []).push(nextHeader);
    let isLaterFragment = false;
    if (nextHeader === IPPROTO.FRAGMENT) {
      const offsetFlags = u16(b, p + EXT_OFF.FRAGMENT_OFFSET_FLAGS);
      const fragmentOffset = offsetFlags & 0xfff8;
      fragment = { id: u32(b, p + EXT_OFF.FRAGMENT_ID), offset: fragmentOffset, moreFragments: (offsetFlags & 1) !== 0 };
      isLaterFragment = fragmentOffset !== 0;
    }
    nextHeader = b[p + EXT_OFF.NEXT_HEADER]!;
    p += length;
    // What follows a non-first fragment is the middle of the payload, not a header.
    if (isLaterFragment) break;
  }

  const header: Ipv6Header = {
    version: 6,
    offset: off,
    trafficClass: (word0 >>> 20) & 0xff,
    flowLabel: word0 & 0xfffff,
    payloadLength,
    ttl: b[off + OFF.HOP_LIMIT]!,
    src: ipv6At(b, off + OFF.SRC),
    dst: ipv6At(b, off + OFF.DST),
    protocol: nextHeader,
    extensionHeaders: walkedHeaders ?? NO_EXTENSIONS,
    headerLength: p - off,
    fragment,
  };
  return decoded(header, p, issue);
}

/** Where the fragment header of `header` (decoded from `b`) starts, or undefined without one. */
export function ipv6FragmentHeaderOffset(b: Uint8Array, header: Ipv6Header): number | undefined {
  if (header.fragment === undefined) return undefined;
  // The decoder walked these headers within the captured bytes: their lengths are there.
  let p = header.offset + IPV6_HEADER_LENGTH;
  for (const nextHeader of header.extensionHeaders) {
    if (nextHeader === IPPROTO.FRAGMENT) return p;
    p += extensionLength(nextHeader, b[p + EXT_OFF.LENGTH]!);
  }
  return undefined;
}

/** Where the packet ends: after its payload length, or at the frame's end for a jumbogram / BIG TCP packet. */
export function ipv6PacketEnd(header: Ipv6Header, frameEnd: number): number {
  const firstNextHeader = header.extensionHeaders[0] ?? header.protocol;
  return packetEndOf(header.offset, header.payloadLength, firstNextHeader, frameEnd);
}

function packetEndOf(off: number, payloadLength: number, firstNextHeader: number, frameEnd: number): number {
  // payload_len 0 means "no payload" only with next header 59; otherwise the packet is a
  // jumbogram or a BIG TCP packet that runs to the end of the frame.
  if (payloadLength === 0 && firstNextHeader !== IPPROTO.NONE) return frameEnd;
  return off + IPV6_HEADER_LENGTH + payloadLength;
}

function extensionLength(nextHeader: number, lengthField: number): number {
  if (nextHeader === IPPROTO.FRAGMENT) return EXT_MIN_LENGTH;
  // AH counts 4-byte units, not counting the first two; the others 8-byte units, not counting the first.
  if (nextHeader === IPPROTO.AH) return (lengthField + 2) * 4;
  return (lengthField + 1) * 8;
}
