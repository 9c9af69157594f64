// ARP for Ethernet / IPv4 (RFC 826), the only kind an LVS-DR segment carries.

import { ipv4At, macAt } from './addresses.js';
import { readableEnd, u16 } from './bytes.js';
import { ARPHRD, ETHERTYPE } from './constants.js';
import type { ArpPacket } from './frame-types.js';
import { type DecodeResult, decoded, failure, truncated } from './result.js';

const OFF = { HTYPE: 0, PTYPE: 2, HLEN: 4, PLEN: 5, OPER: 6, SHA: 8, SPA: 14, THA: 18, TPA: 24 } as const;
export const ARP_ETH_IPV4_LENGTH = 28;

export function decodeArp(b: Uint8Array, off: number, end: number): DecodeResult<ArpPacket> {
  const avail = readableEnd(b, end);
  if (off + OFF.SHA > avail) return truncated('arp.truncated', off, off + OFF.SHA, end);
  if (u16(b, off + OFF.HTYPE) !== ARPHRD.ETHER || u16(b, off + OFF.PTYPE) !== ETHERTYPE.IPV4 ||
    b[off + OFF.HLEN] !== 6 || b[off + OFF.PLEN] !== 4) {
    return failure('arp.unsupported-hw-proto', 'unsupported', off);
  }
  const next = off + ARP_ETH_IPV4_LENGTH;
  if (next > avail) return truncated('arp.truncated', off, next, end);
  const arp: ArpPacket = {
    kind: 'arp',
    op: u16(b, off + OFF.OPER),
    sha: macAt(b, off + OFF.SHA),
    spa: ipv4At(b, off + OFF.SPA),
    tha: macAt(b, off + OFF.THA),
    tpa: ipv4At(b, off + OFF.TPA),
  };
  return decoded(arp, next);
}
