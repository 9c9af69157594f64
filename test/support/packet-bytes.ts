// Builders for hand-made packets. Each returns the bytes of one layer followed by its payload,
// so layers nest the way they do on the wire: ethernet({ payload: ipv4({ payload: tcp(…) }) }).
// Checksums are real: IPv4 header, ICMP and VRRPv2 by their own builder, and the transport
// checksums that cover a pseudo-header (TCP, UDP, ICMPv6, VRRPv3) by ipv4() / ipv6().

import { parseIpv4, parseIpv6, parseMac } from '../../src/decode/addresses.js';
import type { RawPacket } from '../../src/io/raw-packet.js';

export type Bytes = Uint8Array;

const ETHERTYPE_IPV4 = 0x0800;
const PROTO = { ICMP: 1, TCP: 6, UDP: 17, FRAGMENT: 44, AH: 51, ICMPV6: 58, VRRP: 112 } as const;

// ---- bytes and addresses -------------------------------------------------------------------

export function concat(...parts: readonly Bytes[]): Bytes {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

/** Bytes from hex text; spaces, colons and newlines are ignored. */
export function hex(text: string): Bytes {
  const clean = text.replace(/[\s:]/g, '');
  if (clean.length % 2 !== 0 || /[^0-9a-f]/i.test(clean)) throw new Error(`bad hex: ${text}`);
  return Uint8Array.from({ length: clean.length / 2 }, (_, i) => parseInt(clean.slice(2 * i, 2 * i + 2), 16));
}

export function u16be(value: number): Bytes {
  return Uint8Array.of((value >>> 8) & 0xff, value & 0xff);
}

export function u32be(value: number): Bytes {
  return Uint8Array.of((value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff);
}

export function macBytes(text: string): Bytes {
  const mac = parseMac(text);
  if (mac === undefined) throw new Error(`bad MAC: ${text}`);
  const hi = Math.floor(mac / 0x1000000), lo = mac % 0x1000000;
  return Uint8Array.of((hi >>> 16) & 0xff, (hi >>> 8) & 0xff, hi & 0xff, (lo >>> 16) & 0xff, (lo >>> 8) & 0xff, lo & 0xff);
}

export function ipv4Bytes(text: string): Bytes {
  const ip = parseIpv4(text);
  if (ip === undefined) throw new Error(`bad IPv4: ${text}`);
  return u32be(ip);
}

export function ipv6Bytes(text: string): Bytes {
  const ip = parseIpv6(text);
  if (ip === undefined) throw new Error(`bad IPv6: ${text}`);
  const halves = ip.split('::');
  const groups = (s: string | undefined) => (s === undefined || s === '' ? [] : s.split(':'));
  const head = groups(halves[0]);
  const tail = groups(halves[1]);
  const words = [...head, ...new Array<string>(8 - head.length - tail.length).fill('0'), ...tail];
  return concat(...words.map((w) => u16be(parseInt(w, 16))));
}

/** RFC 1071 ones'-complement sum, folded and complemented. */
export function internetChecksum(...parts: readonly Bytes[]): number {
  const b = concat(...parts);
  let sum = 0;
  for (let i = 0; i < b.length; i += 2) sum += (b[i]! << 8) | (b[i + 1] ?? 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + Math.floor(sum / 0x10000);
  return ~sum & 0xffff;
}

function withU16At(bytes: Bytes, off: number, value: number): Bytes {
  const copy = bytes.slice();
  copy[off] = (value >>> 8) & 0xff;
  copy[off + 1] = value & 0xff;
  return copy;
}

// ---- link layers ---------------------------------------------------------------------------

export type EthernetSpec = {
  dst?: string;
  src?: string;
  etherType: number;
  payload?: Bytes;
  /** Pad with zeros up to this frame length (60 is the Ethernet minimum without FCS). */
  padTo?: number;
};

export function ethernet(spec: EthernetSpec): Bytes {
  const frame = concat(
    macBytes(spec.dst ?? '02:00:00:00:00:02'), macBytes(spec.src ?? '02:00:00:00:00:01'),
    u16be(spec.etherType), spec.payload ?? new Uint8Array(),
  );
  const padTo = spec.padTo ?? 0;
  return frame.length >= padTo ? frame : concat(frame, new Uint8Array(padTo - frame.length));
}

/** One 802.1Q / 802.1ad tag (TCI + next ethertype); its TPID is the enclosing ethertype. */
export function vlan(spec: { id: number; pcp?: number; dei?: boolean; etherType: number; payload?: Bytes }): Bytes {
  const tci = ((spec.pcp ?? 0) << 13) | (spec.dei === true ? 0x1000 : 0) | (spec.id & 0x0fff);
  return concat(u16be(tci), u16be(spec.etherType), spec.payload ?? new Uint8Array());
}

function linkAddress(address: string | Bytes | undefined): Bytes {
  if (address === undefined) return macBytes('02:00:00:00:00:01');
  return typeof address === 'string' ? macBytes(address) : address;
}

/** LINKTYPE_LINUX_SLL (113). `address` is the sender's address, 6 bytes for a MAC. */
export function sll(spec: {
  packetType?: number; arphrd?: number; address?: string | Bytes; protocol: number; payload?: Bytes;
}): Bytes {
  const address = linkAddress(spec.address);
  const padded = new Uint8Array(8);
  padded.set(address.subarray(0, 8));
  return concat(
    u16be(spec.packetType ?? 0), u16be(spec.arphrd ?? 1), u16be(address.length), padded,
    u16be(spec.protocol), spec.payload ?? new Uint8Array(),
  );
}

/** LINKTYPE_LINUX_SLL2 (276). */
export function sll2(spec: {
  protocol: number; ifindex?: number; arphrd?: number; packetType?: number; address?: string | Bytes; payload?: Bytes;
}): Bytes {
  const address = linkAddress(spec.address);
  const padded = new Uint8Array(8);
  padded.set(address.subarray(0, 8));
  return concat(
    u16be(spec.protocol), u16be(0), u32be(spec.ifindex ?? 1), u16be(spec.arphrd ?? 1),
    Uint8Array.of(spec.packetType ?? 0, address.length), padded, spec.payload ?? new Uint8Array(),
  );
}

/** LINKTYPE_NULL (host byte order) / LINKTYPE_LOOP (big-endian) 4-byte address family. */
export function nullLink(spec: { family: number; byteOrder: 'le' | 'be'; payload?: Bytes }): Bytes {
  const be = u32be(spec.family);
  return concat(spec.byteOrder === 'be' ? be : be.slice().reverse(), spec.payload ?? new Uint8Array());
}

// ---- ARP -----------------------------------------------------------------------------------

export function arp(spec: {
  op: number; sha: string; spa: string; tha: string; tpa: string;
  htype?: number; ptype?: number; hlen?: number; plen?: number;
}): Bytes {
  return concat(
    u16be(spec.htype ?? 1), u16be(spec.ptype ?? ETHERTYPE_IPV4), Uint8Array.of(spec.hlen ?? 6, spec.plen ?? 4),
    u16be(spec.op), macBytes(spec.sha), ipv4Bytes(spec.spa), macBytes(spec.tha), ipv4Bytes(spec.tpa),
  );
}

// ---- IP ------------------------------------------------------------------------------------

/** Offset of the checksum field in transport headers whose checksum covers a pseudo-header. */
function pseudoChecksumOffset(protocol: number, payload: Bytes): number | undefined {
  if (protocol === PROTO.TCP) return 16;
  if (protocol === PROTO.UDP) return 6;
  if (protocol === PROTO.ICMPV6) return 2;
  if (protocol === PROTO.VRRP && payload[0] !== undefined && payload[0] >>> 4 === 3) return 6;
  return undefined;
}

function withTransportChecksum(protocol: number, payload: Bytes, pseudo: Bytes): Bytes {
  const at = pseudoChecksumOffset(protocol, payload);
  if (at === undefined || payload.length < at + 2) return payload;
  const zeroed = withU16At(payload, at, 0);
  let sum = internetChecksum(pseudo, zeroed);
  if (protocol === PROTO.UDP && sum === 0) sum = 0xffff;
  return withU16At(zeroed, at, sum);
}

export type Ipv4Spec = {
  src?: string;
  dst?: string;
  protocol: number;
  payload?: Bytes;
  ttl?: number;
  id?: number;
  tos?: number;
  dontFragment?: boolean;
  moreFragments?: boolean;
  /** In bytes (a multiple of 8). */
  fragmentOffset?: number;
  options?: Bytes;
  /** Overrides for malformed packets. */
  version?: number;
  ihl?: number;
  totalLength?: number;
  /** Fill the TCP / UDP / VRRPv3 checksum (default: yes, unless this is a fragment). */
  transportChecksum?: boolean;
};

export function ipv4(spec: Ipv4Spec): Bytes {
  const options = spec.options ?? new Uint8Array();
  if (options.length % 4 !== 0) throw new Error('IPv4 options must be padded to 4 bytes');
  const src = ipv4Bytes(spec.src ?? '192.0.2.1');
  const dst = ipv4Bytes(spec.dst ?? '192.0.2.2');
  const isFragment = (spec.fragmentOffset ?? 0) !== 0 || spec.moreFragments === true;
  let payload = spec.payload ?? new Uint8Array();
  if (spec.transportChecksum ?? !isFragment) {
    const pseudo = concat(src, dst, Uint8Array.of(0, spec.protocol), u16be(payload.length));
    payload = withTransportChecksum(spec.protocol, payload, pseudo);
  }
  const headerLength = 20 + options.length;
  const flagsFragment = (spec.dontFragment === true ? 0x4000 : 0) | (spec.moreFragments === true ? 0x2000 : 0) |
    ((spec.fragmentOffset ?? 0) / 8);
  const header = concat(
    Uint8Array.of(((spec.version ?? 4) << 4) | (spec.ihl ?? headerLength / 4), spec.tos ?? 0),
    u16be(spec.totalLength ?? headerLength + payload.length), u16be(spec.id ?? 0), u16be(flagsFragment),
    Uint8Array.of(spec.ttl ?? 64, spec.protocol), u16be(0), src, dst, options,
  );
  return concat(withU16At(header, 10, internetChecksum(header)), payload);
}

export type Ipv6Extension =
  | { type: 0 | 43 | 60 | 135 | 139 | 140; body?: Bytes }
  | { type: typeof PROTO.AH; body?: Bytes }
  | { type: typeof PROTO.FRAGMENT; offset?: number; moreFragments?: boolean; id?: number };

export type Ipv6Spec = {
  src?: string;
  dst?: string;
  /** The upper-layer protocol, after any extension headers. */
  nextHeader: number;
  payload?: Bytes;
  hopLimit?: number;
  trafficClass?: number;
  flowLabel?: number;
  extensions?: readonly Ipv6Extension[];
  /** Overrides for malformed packets. */
  version?: number;
  payloadLength?: number;
  transportChecksum?: boolean;
};

function extensionBytes(ext: Ipv6Extension, nextHeader: number): Bytes {
  if (ext.type === PROTO.FRAGMENT) {
    const offsetFlags = ((ext.offset ?? 0) & 0xfff8) | (ext.moreFragments === true ? 1 : 0);
    return concat(Uint8Array.of(nextHeader, 0), u16be(offsetFlags), u32be(ext.id ?? 0));
  }
  if (ext.type === PROTO.AH) {
    // Next header, payload length in 4-byte units minus 2, reserved, SPI, sequence, 4-byte ICV.
    const body = ext.body ?? new Uint8Array(14);
    if ((body.length + 2) % 4 !== 0) throw new Error('AH body must make the header a multiple of 4');
    return concat(Uint8Array.of(nextHeader, (body.length + 2) / 4 - 2), body);
  }
  const body = ext.body ?? new Uint8Array(6);
  if ((body.length + 2) % 8 !== 0) throw new Error('extension body must make the header a multiple of 8');
  return concat(Uint8Array.of(nextHeader, (body.length + 2) / 8 - 1), body);
}

export function ipv6(spec: Ipv6Spec): Bytes {
  const src = ipv6Bytes(spec.src ?? '2001:db8::1');
  const dst = ipv6Bytes(spec.dst ?? '2001:db8::2');
  const extensions = spec.extensions ?? [];
  const isFragment = extensions.some((e) => e.type === PROTO.FRAGMENT && ((e.offset ?? 0) !== 0 || e.moreFragments === true));
  let payload = spec.payload ?? new Uint8Array();
  if (spec.transportChecksum ?? !isFragment) {
    const pseudo = concat(src, dst, u32be(payload.length), Uint8Array.of(0, 0, 0, spec.nextHeader));
    payload = withTransportChecksum(spec.nextHeader, payload, pseudo);
  }
  const chain: Bytes[] = [];
  for (let i = 0; i < extensions.length; i++) {
    const after = extensions[i + 1]?.type ?? spec.nextHeader;
    chain.push(extensionBytes(extensions[i]!, after));
  }
  const body = concat(...chain, payload);
  const firstNextHeader = extensions[0]?.type ?? spec.nextHeader;
  const word0 = (((spec.version ?? 6) << 28) | ((spec.trafficClass ?? 0) << 20) | ((spec.flowLabel ?? 0) & 0xfffff)) >>> 0;
  return concat(
    u32be(word0), u16be(spec.payloadLength ?? body.length), Uint8Array.of(firstNextHeader, spec.hopLimit ?? 64),
    src, dst, body,
  );
}

// ---- transport -----------------------------------------------------------------------------

export const TCP = { FIN: 0x01, SYN: 0x02, RST: 0x04, PSH: 0x08, ACK: 0x10, URG: 0x20, ECE: 0x40, CWR: 0x80, AE: 0x100 } as const;

export type TcpSpec = {
  sport: number;
  dport: number;
  seq?: number;
  ack?: number;
  flags: number;
  window?: number;
  urgentPointer?: number;
  /** Raw option bytes, padded to a multiple of 4 (see tcpOptions()). */
  options?: Bytes;
  payload?: Bytes;
  /** Override of the 4-bit data offset, in 32-bit words. */
  dataOffset?: number;
};

export function tcp(spec: TcpSpec): Bytes {
  const options = spec.options ?? new Uint8Array();
  if (options.length % 4 !== 0) throw new Error('TCP options must be padded to 4 bytes');
  const dataOffset = spec.dataOffset ?? (20 + options.length) / 4;
  return concat(
    u16be(spec.sport), u16be(spec.dport), u32be(spec.seq ?? 0), u32be(spec.ack ?? 0),
    u16be((dataOffset << 12) | (spec.flags & 0x0fff)), u16be(spec.window ?? 64240),
    u16be(0), u16be(spec.urgentPointer ?? 0), options, spec.payload ?? new Uint8Array(),
  );
}

/** Options in the order Linux sends them in a SYN: MSS, SACK-permitted + timestamps, NOP, window scale. */
export function tcpOptions(spec: { mss?: number; sackPermitted?: boolean; timestamps?: readonly [number, number]; windowScale?: number }): Bytes {
  const parts: Bytes[] = [];
  if (spec.mss !== undefined) parts.push(Uint8Array.of(2, 4), u16be(spec.mss));
  if (spec.sackPermitted === true && spec.timestamps !== undefined) {
    parts.push(Uint8Array.of(4, 2, 8, 10), u32be(spec.timestamps[0]), u32be(spec.timestamps[1]));
  } else if (spec.timestamps !== undefined) {
    parts.push(Uint8Array.of(1, 1, 8, 10), u32be(spec.timestamps[0]), u32be(spec.timestamps[1]));
  } else if (spec.sackPermitted === true) {
    parts.push(Uint8Array.of(1, 1, 4, 2));
  }
  if (spec.windowScale !== undefined) parts.push(Uint8Array.of(1, 3, 3, spec.windowScale));
  return concat(...parts);
}

export function udp(spec: { sport: number; dport: number; payload?: Bytes; length?: number }): Bytes {
  const payload = spec.payload ?? new Uint8Array();
  return concat(u16be(spec.sport), u16be(spec.dport), u16be(spec.length ?? 8 + payload.length), u16be(0), payload);
}

/** ICMP for IPv4. `rest` is the 4 bytes after the checksum (echo id/seq, next-hop MTU, …). */
export function icmp(spec: { type: number; code?: number; rest?: Bytes; payload?: Bytes }): Bytes {
  const message = concat(
    Uint8Array.of(spec.type, spec.code ?? 0), u16be(0), spec.rest ?? new Uint8Array(4), spec.payload ?? new Uint8Array(),
  );
  return withU16At(message, 2, internetChecksum(message));
}

export function echoRest(id: number, seq: number): Bytes {
  return concat(u16be(id), u16be(seq));
}

/** Rest-of-header of "fragmentation needed": unused u16, next-hop MTU u16. */
export function fragNeededRest(mtu: number): Bytes {
  return concat(u16be(0), u16be(mtu));
}

/** ICMPv6 message; the checksum is filled by ipv6(). `body` follows the 4-byte header. */
export function icmpv6(spec: { type: number; code?: number; body?: Bytes }): Bytes {
  return concat(Uint8Array.of(spec.type, spec.code ?? 0), u16be(0), spec.body ?? new Uint8Array(4));
}

/** Neighbour solicitation / advertisement body: flags byte (NA), 3 reserved bytes, target, options. */
export function ndBody(spec: { flags?: number; target: string; options?: readonly Bytes[] }): Bytes {
  return concat(Uint8Array.of(spec.flags ?? 0, 0, 0, 0), ipv6Bytes(spec.target), ...(spec.options ?? []));
}

/** Source (1) / target (2) link-layer address option, 8 bytes. */
export function ndLinkOption(type: 1 | 2, mac: string): Bytes {
  return concat(Uint8Array.of(type, 1), macBytes(mac));
}

export type VrrpSpec = {
  version?: 2 | 3;
  type?: number;
  vrid: number;
  priority: number;
  addresses: readonly string[];
  /** v2 only. */
  authType?: number;
  /** v2: seconds; v3: centiseconds. */
  interval: number;
  /** v2 only: 8 bytes (zeros by default). */
  authData?: Bytes;
  /** Override of the address count field. */
  count?: number;
};

/** VRRP advertisement. The v2 checksum is computed here; v3's covers a pseudo-header, so ipv4()/ipv6() fill it. */
export function vrrp(spec: VrrpSpec): Bytes {
  const version = spec.version ?? 2;
  const addresses = spec.addresses.map((a) => (a.includes(':') ? ipv6Bytes(a) : ipv4Bytes(a)));
  const head = Uint8Array.of((version << 4) | (spec.type ?? 1), spec.vrid, spec.priority, spec.count ?? addresses.length);
  if (version === 3) return concat(head, u16be(spec.interval & 0x0fff), u16be(0), ...addresses);
  const advert = concat(
    head, Uint8Array.of(spec.authType ?? 0, spec.interval), u16be(0), ...addresses, spec.authData ?? new Uint8Array(8),
  );
  return withU16At(advert, 6, internetChecksum(advert));
}

// ---- capture records -----------------------------------------------------------------------

export type RawPacketOptions = {
  /** Bytes captured (the data is cut to this); defaults to all of them. */
  caplen?: number;
  /** Length on the wire; defaults to all the bytes. */
  len?: number;
  frame?: number;
  tsSec?: number;
  tsNsec?: number;
  interfaceId?: number;
  fileOffset?: number;
};

export function rawPacket(bytes: Bytes, linkType: number, options: RawPacketOptions = {}): RawPacket {
  const caplen = options.caplen ?? bytes.length;
  return {
    frame: options.frame ?? 1,
    tsSec: options.tsSec ?? 1_700_000_000,
    tsNsec: options.tsNsec ?? 0,
    linkType,
    caplen,
    len: options.len ?? bytes.length,
    data: bytes.subarray(0, caplen),
    interfaceId: options.interfaceId ?? 0,
    fileOffset: options.fileOffset ?? 0,
  };
}
