// Where the length fields of the network and transport headers sit inside one captured frame,
// so the mutator can inflate them: IPv4 IHL and total length, TCP data offset, IPv6 payload
// length and the first extension header's length. Only a best-effort walk over well-formed
// seeds; anything unexpected just yields fewer fields.

import type { Field } from './capture-layout.js';

const ETHERTYPE_IPV4 = 0x0800;
const ETHERTYPE_IPV6 = 0x86dd;
const VLAN_TAGS = new Set([0x8100, 0x88a8, 0x9100]);
const EXTENSION_HEADERS = new Set([0, 43, 60]);
const TCP = 6;

/** Offset of the network header inside the frame and its EtherType, if the link type is known. */
function networkStart(b: Uint8Array, start: number, end: number, linkType: number): { at: number; etherType: number } | undefined {
  const u16 = (o: number) => (o + 2 <= end ? (b[o]! << 8) | b[o + 1]! : -1);
  switch (linkType) {
    case 1: {
      let at = start + 12;
      let type = u16(at);
      for (let tags = 0; VLAN_TAGS.has(type) && tags < 4; tags++) {
        at += 4;
        type = u16(at);
      }
      return { at: at + 2, etherType: type };
    }
    case 113: return { at: start + 16, etherType: u16(start + 14) };
    case 276: return { at: start + 20, etherType: u16(start) };
    case 0: case 108: case 12: case 14: case 101: case 228: case 229: {
      const skip = linkType === 0 || linkType === 108 ? 4 : 0;
      const v = start + skip < end ? b[start + skip]! >> 4 : 0;
      return { at: start + skip, etherType: v === 4 ? ETHERTYPE_IPV4 : v === 6 ? ETHERTYPE_IPV6 : -1 };
    }
    default: return undefined;
  }
}

/** Appends the frame's header length fields (all big-endian) to `out`. */
export function packetFields(b: Uint8Array, start: number, end: number, linkType: number, out: Field[]): void {
  const net = networkStart(b, start, end, linkType);
  if (!net) return;
  const ip = net.at;
  if (net.etherType === ETHERTYPE_IPV4 && ip + 20 <= end && b[ip]! >> 4 === 4) {
    const ihl = (b[ip]! & 0x0f) * 4;
    out.push({ at: ip, width: 'lo4', le: false, kind: 'ip4.ihl', value: b[ip]! & 0x0f });
    out.push({ at: ip + 2, width: 2, le: false, kind: 'ip4.total-length', value: (b[ip + 2]! << 8) | b[ip + 3]! });
    const tcp = ip + ihl;
    if (b[ip + 9] === TCP && tcp + 20 <= end) {
      out.push({ at: tcp + 12, width: 'hi4', le: false, kind: 'tcp.data-offset', value: b[tcp + 12]! >> 4 });
    }
  } else if (net.etherType === ETHERTYPE_IPV6 && ip + 40 <= end && b[ip]! >> 4 === 6) {
    out.push({ at: ip + 4, width: 2, le: false, kind: 'ip6.payload-length', value: (b[ip + 4]! << 8) | b[ip + 5]! });
    const next = b[ip + 6]!;
    if (EXTENSION_HEADERS.has(next) && ip + 42 <= end) {
      out.push({ at: ip + 41, width: 1, le: false, kind: 'ip6.ext-length', value: b[ip + 41]! });
    } else if (next === TCP && ip + 60 <= end) {
      out.push({ at: ip + 52, width: 'hi4', le: false, kind: 'tcp.data-offset', value: b[ip + 52]! >> 4 });
    }
  }
}
