// Link types without link addresses: RAW (101, and the old platform values 12 / 14), IPV4
// (228), IPV6 (229), and the 4-byte address-family header of NULL (0, capturing host's byte
// order) and LOOP (108, big-endian).

import { readableEnd, u32, u32le } from './bytes.js';
import { ETHERTYPE, LINKTYPE, NULL_AF } from './constants.js';
import type { BareLink } from './frame-types.js';
import { type DecodeResult, decoded, failure, truncated } from './result.js';

export const NULL_HEADER_LENGTH = 4;

const BARE_IPV4: BareLink = Object.freeze({ kind: 'none', etherType: ETHERTYPE.IPV4 });
const BARE_IPV6: BareLink = Object.freeze({ kind: 'none', etherType: ETHERTYPE.IPV6 });

/** True for the link types decodeBare understands. */
export function isBareLinkType(linkType: number): boolean {
  switch (linkType) {
    case LINKTYPE.RAW: case LINKTYPE.RAW_BSD: case LINKTYPE.RAW_OPENBSD:
    case LINKTYPE.IPV4: case LINKTYPE.IPV6: case LINKTYPE.NULL: case LINKTYPE.LOOP:
      return true;
    default:
      return false;
  }
}

export function decodeBare(b: Uint8Array, off: number, end: number, linkType: number): DecodeResult<BareLink> {
  switch (linkType) {
    case LINKTYPE.IPV4: return decoded(BARE_IPV4, off);
    case LINKTYPE.IPV6: return decoded(BARE_IPV6, off);
    case LINKTYPE.NULL: case LINKTYPE.LOOP: return decodeAddressFamily(b, off, end, linkType === LINKTYPE.LOOP);
    default: return decodeRawIp(b, off, end);
  }
}

/** RAW: the IP version nibble says IPv4 or IPv6. */
function decodeRawIp(b: Uint8Array, off: number, end: number): DecodeResult<BareLink> {
  if (off + 1 > readableEnd(b, end)) return truncated('link.truncated', off, off + 1, end);
  const version = b[off]! >>> 4;
  if (version === 4) return decoded(BARE_IPV4, off);
  if (version === 6) return decoded(BARE_IPV6, off);
  return failure('link.bad-ip-version', 'malformed', off);
}

function decodeAddressFamily(b: Uint8Array, off: number, end: number, bigEndian: boolean): DecodeResult<BareLink> {
  const next = off + NULL_HEADER_LENGTH;
  if (next > readableEnd(b, end)) return truncated('null.truncated', off, next, end);
  let family = bigEndian ? u32(b, off) : u32le(b, off);
  // NULL is in the capturing host's byte order: families are small, so a value only in the
  // high half was written by a host of the other order.
  if (!bigEndian && (family & 0xffff) === 0) family = u32(b, off);
  switch (family) {
    case NULL_AF.INET: return decoded(BARE_IPV4, next);
    case NULL_AF.INET6_BSD: case NULL_AF.INET6_FREEBSD: case NULL_AF.INET6_DARWIN: return decoded(BARE_IPV6, next);
    default: return failure('null.unsupported-family', 'unsupported', off);
  }
}
