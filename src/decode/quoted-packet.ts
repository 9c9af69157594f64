// The start of the offending datagram that ICMP and ICMPv6 errors quote: its IP header plus at
// least the first 8 bytes above it (ports, and the TCP sequence number). A quote gives what it
// holds: without a whole fixed IP header there is nothing; without 4 more bytes, no ports.

import { ipv4At, ipv6At } from './addresses.js';
import { u16, u32 } from './bytes.js';
import { IPPROTO } from './constants.js';
import type { EmbeddedPacket } from './frame-types.js';
import { tunnelPayload } from './tunnel.js';

const V4 = { VERSION_IHL: 0, ID: 4, FLAGS_FRAGMENT: 6, TTL: 8, PROTOCOL: 9, SRC: 12, DST: 16 } as const;
const V6 = { VERSION: 0, NEXT_HEADER: 6, HOP_LIMIT: 7, SRC: 8, DST: 24 } as const;
const IPV4_MIN_HEADER_LENGTH = 20;
const IPV6_HEADER_LENGTH = 40;
const PORTS_LENGTH = 4;
const TCP_SEQ_END = 8;

function hasPorts(protocol: number): boolean {
  return protocol === IPPROTO.TCP || protocol === IPPROTO.UDP || protocol === IPPROTO.SCTP;
}

/** Reads a quoted IPv4 packet at `off`; `stop` is where readable bytes end. */
export function readQuotedIpv4(b: Uint8Array, off: number, stop: number, nested = false): EmbeddedPacket | undefined {
  if (off + IPV4_MIN_HEADER_LENGTH > stop) return undefined;
  const versionIhl = b[off + V4.VERSION_IHL]!;
  const headerLength = (versionIhl & 0x0f) * 4;
  if (versionIhl >>> 4 !== 4 || headerLength < IPV4_MIN_HEADER_LENGTH) return undefined;
  const protocol = b[off + V4.PROTOCOL]!;
  // A non-first fragment carries no transport header.
  const isFirstFragment = (u16(b, off + V4.FLAGS_FRAGMENT) & 0x1fff) === 0;
  return quoted(b, 4, ipv4At(b, off + V4.SRC), ipv4At(b, off + V4.DST), protocol, b[off + V4.TTL]!,
    u16(b, off + V4.ID), isFirstFragment ? off + headerLength : -1, stop, nested);
}

/** Reads a quoted IPv6 packet at `off`. Ports are read only when no extension header precedes them. */
export function readQuotedIpv6(b: Uint8Array, off: number, stop: number, nested = false): EmbeddedPacket | undefined {
  if (off + IPV6_HEADER_LENGTH > stop) return undefined;
  if (b[off + V6.VERSION]! >>> 4 !== 6) return undefined;
  return quoted(b, 6, ipv6At(b, off + V6.SRC), ipv6At(b, off + V6.DST), b[off + V6.NEXT_HEADER]!,
    b[off + V6.HOP_LIMIT]!, undefined, off + IPV6_HEADER_LENGTH, stop, nested);
}

function quoted(
  b: Uint8Array, version: 4 | 6, src: EmbeddedPacket['src'], dst: EmbeddedPacket['dst'], protocol: number,
  ttl: number, id: number | undefined, l4: number, stop: number, nested: boolean,
): EmbeddedPacket {
  const withPorts = l4 >= 0 && hasPorts(protocol) && l4 + PORTS_LENGTH <= stop;
  const withSeq = withPorts && protocol === IPPROTO.TCP && l4 + TCP_SEQ_END <= stop;
  const packet: EmbeddedPacket = {
    version, src, dst, protocol, ttl, id,
    sport: withPorts ? u16(b, l4) : undefined,
    dport: withPorts ? u16(b, l4 + 2) : undefined,
    seq: withSeq ? u32(b, l4 + 4) : undefined,
  };
  // A quoted IP-in-IP or GRE packet (an error about an LVS-TUN copy): the encapsulated packet too, one level.
  const payload = nested || l4 < 0 ? undefined : tunnelPayload(b, l4, stop, protocol);
  if (payload === undefined) return packet;
  const inner = payload.version === 4 ? readQuotedIpv4(b, payload.off, stop, true) : readQuotedIpv6(b, payload.off, stop, true);
  return inner === undefined ? packet : { ...packet, inner };
}
