// Ethernet II header (LINKTYPE_ETHERNET). VLAN tags after it are decoded by vlan.ts.

import { macAt } from './addresses.js';
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
  return {
    kind: 'ethernet',
    src: macAt(b, off + OFF.SRC),
    dst: macAt(b, off + OFF.DST),
    etherType: u16(b, off + OFF.ETHER_TYPE),
  };
}
