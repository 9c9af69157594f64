// Linux cooked capture v2 (LINKTYPE_LINUX_SLL2, 276): what tcpdump ≥ 4.99 writes for `-i any`.
// Adds the interface index; still only the sender's link address.

import { macAt } from './addresses.js';
import { readableEnd, u16, u32 } from './bytes.js';
import type { CookedLink } from './frame-types.js';
import { type DecodeResult, decoded, truncated } from './result.js';

const OFF = { PROTOCOL: 0, RESERVED: 2, IFINDEX: 4, ARPHRD: 8, PACKET_TYPE: 10, ADDR_LEN: 11, ADDR: 12 } as const;
export const SLL2_HEADER_LENGTH = 20;
const MAC_LENGTH = 6;

export function decodeSll2(b: Uint8Array, off: number, end: number): DecodeResult<CookedLink> {
  const next = off + SLL2_HEADER_LENGTH;
  if (next > readableEnd(b, end)) return truncated('sll2.truncated', off, next, end);
  const link: CookedLink = {
    kind: 'sll2',
    packetType: b[off + OFF.PACKET_TYPE]!,
    arphrd: u16(b, off + OFF.ARPHRD),
    src: b[off + OFF.ADDR_LEN] === MAC_LENGTH ? macAt(b, off + OFF.ADDR) : undefined,
    ifindex: u32(b, off + OFF.IFINDEX),
    etherType: u16(b, off + OFF.PROTOCOL),
  };
  return decoded(link, next);
}
