// Linux cooked capture v1 (LINKTYPE_LINUX_SLL, 113): what `-i any` gives with libpcap's default.
// Only the sender's link address is recorded, padded or cut to 8 bytes.

import { macAt } from './addresses.js';
import { readableEnd, u16 } from './bytes.js';
import type { CookedLink } from './frame-types.js';
import { type DecodeResult, decoded, truncated } from './result.js';

const OFF = { PACKET_TYPE: 0, ARPHRD: 2, ADDR_LEN: 4, ADDR: 6, PROTOCOL: 14 } as const;
export const SLL_HEADER_LENGTH = 16;
const MAC_LENGTH = 6;

export function decodeSll(b: Uint8Array, off: number, end: number): DecodeResult<CookedLink> {
  const next = off + SLL_HEADER_LENGTH;
  if (next > readableEnd(b, end)) return truncated('sll.truncated', off, next, end);
  const link: CookedLink = {
    kind: 'sll',
    packetType: u16(b, off + OFF.PACKET_TYPE),
    arphrd: u16(b, off + OFF.ARPHRD),
    src: u16(b, off + OFF.ADDR_LEN) === MAC_LENGTH ? macAt(b, off + OFF.ADDR) : undefined,
    ifindex: undefined,
    etherType: u16(b, off + OFF.PROTOCOL),
  };
  return decoded(link, next);
}
