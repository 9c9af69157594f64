// Ethernet II header (LINKTYPE_ETHERNET). VLAN tags after it are decoded by vlan.ts.

import { macAt, type Mac } from './addresses.js';
import { readableEnd, u16 } from './bytes.js';
import type { EthernetLink } from './frame-types.js';
import { type DecodeFailure, type DecodeResult, decoded, truncated } from './result.js';

const OFF = { DST: 0, SRC: 6, ETHER_TYPE: 12 } as const;
export const ETHERNET_HEADER_LENGTH = 14;

/**
 * `etherType` is the field as on the wire: a VLAN TPID when the frame is tagged (decodeFrame
 * replaces it with the ethertype after the tags).
 */
export function decodeEthernet(b: Uint8Array, off: number, end: number): DecodeResult<EthernetLink> {
  const r = readEthernet(b, off, end);
  return 'ok' in r ? r : decoded(r, off + ETHERNET_HEADER_LENGTH);
}

/** decodeEthernet without the result wrapper (decodeFrame's path, run for every frame). */
export function readEthernet(b: Uint8Array, off: number, end: number): EthernetLink | DecodeFailure {
  const next = off + ETHERNET_HEADER_LENGTH;
  if (next > readableEnd(b, end)) return truncated('ethernet.truncated', off, next, end);
  return internedLink(macAt(b, off + OFF.SRC), macAt(b, off + OFF.DST), u16(b, off + OFF.ETHER_TYPE));
}

// A capture holds few distinct (source, destination, ethertype) triples, and the records are
// immutable: frames share one record per triple from a small direct-mapped cache instead of
// each carrying its own object and two boxed 48-bit numbers (a busy director keeps ~10⁵
// frames in its windows).
const LINK_CACHE_SIZE = 256;
const linkCache: (EthernetLink | undefined)[] = new Array(LINK_CACHE_SIZE).fill(undefined);

function internedLink(src: Mac, dst: Mac, etherType: number): EthernetLink {
  const slot = ((src % 0x1000000) * 7 + (dst % 0x1000000) * 13 + etherType) & (LINK_CACHE_SIZE - 1);
  const hit = linkCache[slot];
  if (hit !== undefined && hit.src === src && hit.dst === dst && hit.etherType === etherType) return hit;
  const link: EthernetLink = { kind: 'ethernet', src, dst, etherType };
  linkCache[slot] = link;
  return link;
}
