// Packet identity across vantage points. The identity hash covers what no hop of a DR
// path may change and what tells two packets apart: source address, IP ID (IPv4),
// protocol, source port, TCP seq/ack/flags and the payload length. The
// destination address and port are left out on purpose, so a director that rewrites them
// (NAT mode, a port map) still pairs with what it received and can be reported.
// The invariant hash covers the IP packet's bytes except TTL/hop limit and the IPv4
// header checksum: two sightings of one packet through a DR director must agree on it.

import type { Frame, IpHeader, Ipv6Header } from '../decode/frame-types.js';
import { ipv6FragmentHeaderOffset } from '../decode/ipv6.js';
import { sightingRecord, type Sighting } from './sighting.js';

/** ICMP errors differ only in the quoted packet: its first bytes (the quoted IP header) tell them apart. */
const ICMP_BODY_PREFIX = 28;
const INVARIANT_SPAN = 128;

/** One murmur3 mixing step (exported for the reference definition in the tests). */
export function mix(h: number, k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/**
 * murmur3's finaliser, as a signed 32-bit integer: an unsigned one is ≥ 2³¹ half the time,
 * which V8 keeps as a boxed number in every record that holds it.
 */
export function finish(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

function mixString(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) h = mix(h, s.charCodeAt(i));
  return h;
}

/** Mixes b[start, end) as big-endian words (a short last word as is), the word at `maskAt` ANDed with `mask`. */
function mixBytes(h: number, b: Uint8Array, start: number, end: number, maskAt = -1, mask = -1): number {
  let i = start;
  // Whole words, read at once (this runs for every packet).
  for (; i + 4 <= end; i += 4) {
    const word = (b[i]! << 24) | (b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!;
    h = mix(h, i === maskAt ? word & mask : word);
  }
  if (i >= end) return h;
  // The short last word, masked as its full word would be.
  let word = 0;
  for (let k = i; k < end; k++) word = (word << 8) | b[k]!;
  if (i === maskAt) word &= mask >>> ((4 - (end - i)) << 3);
  return mix(h, word);
}

/**
 * mixBytes with several masked words (`masks[0, count)`: offset, mask, offset, mask…, offsets
 * ascending): the packets whose headers a director may change in more places than the TTL.
 */
function mixBytesMasked(h: number, b: Uint8Array, start: number, end: number, masks: readonly number[], count: number): number {
  let at = start;
  for (let m = 0; m < count && at < end; m += 2) {
    const wordAt = masks[m]!;
    if (wordAt < at || wordAt >= end) continue;
    h = mixBytes(h, b, at, Math.min(end, wordAt + 4), wordAt, masks[m + 1]!);
    at = Math.min(end, wordAt + 4);
  }
  return at < end ? mixBytes(h, b, at, end) : h;
}

/**
 * An IPv4 packet without DF may leave the director in fragments cut anew (it reassembles on
 * input; spec 1.2): the total length (bytes 2–3) and the flags and fragment offset (6–7) are
 * zeroed as well as the TTL and checksum. Its first fragment then agrees with what arrived up
 * to the invariant span; the ID, the payload and the L4 checksum still have to.
 */
function ipv4RefragmentableInvariant(b: Uint8Array, off: number, spanEnd: number): number {
  const m = maskScratch;
  m[0] = off; m[1] = LOW_HALF_ZEROED; m[2] = off + 4; m[3] = LOW_HALF_ZEROED; m[4] = off + IPV4_MUTABLE_WORD; m[5] = IPV4_MUTABLE_MASK;
  return mixBytesMasked(0x1234567, b, off, spanEnd, m, 6);
}
const LOW_HALF_ZEROED = 0xffff0000 | 0;
/** Reused for every packet that needs masks: no array per packet. */
const maskScratch: number[] = [0, 0, 0, 0, 0, 0];

/**
 * An IPv6 fragment the director sent on carries a new fragment identification (ip6_fragment()
 * picks one when it fragments the reassembled datagram again; kernel-notes): the
 * identification is zeroed with the hop limit.
 */
function ipv6FragmentInvariant(b: Uint8Array, ip: Ipv6Header, spanEnd: number): number {
  const at = ipv6FragmentHeaderOffset(b, ip);
  const m = maskScratch;
  m[0] = ip.offset + IPV6_MUTABLE_WORD; m[1] = IPV6_MUTABLE_MASK;
  if (at !== undefined) { m[2] = at + 4; m[3] = 0; }
  return mixBytesMasked(0x1234567, b, ip.offset, spanEnd, m, at === undefined ? 2 : 4);
}

/** IPv4: TTL (byte 8) and the header checksum (10–11) are zeroed in the invariant hash; the protocol (9) stays. */
const IPV4_MUTABLE_WORD = 8, IPV4_MUTABLE_MASK = 0x00ff0000;
/** IPv6: the hop limit (byte 7) is zeroed. */
const IPV6_MUTABLE_WORD = 4, IPV6_MUTABLE_MASK = 0xffffff00 | 0;

export type PacketHashes = {
  /** 32-bit identity; 0 when the frame has no IP layer. */
  readonly identity: number;
  /** 32-bit hash of the bytes a DR director must not change. */
  readonly invariant: number;
  /** How many IP bytes the invariant hash covers (captures cut shorter compare only when equal). */
  readonly invariantSpan: number;
  /** IPv4 header checksum verified over the captured header; undefined for IPv6 or cut headers. */
  readonly ipChecksumOk?: boolean;
};

export const NO_HASHES: PacketHashes = Object.freeze({ identity: 0, invariant: 0, invariantSpan: 0 });

function ipv4ChecksumOk(b: Uint8Array, off: number, len: number): boolean {
  let sum = 0;
  for (let i = off; i < off + len; i += 2) sum += (b[i]! << 8) | b[i + 1]!;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return sum === 0xffff;
}

function hashArp(capture: number, frame: Frame, t: number): Sighting {
  const a = frame.arp!;
  // MACs exceed 32 bits: mix their high and low parts separately.
  let h = mix(0x5bd1e995, a.op);
  h = mix(mix(h, Math.floor(a.sha / 0x1000000)), a.sha % 0x1000000);
  h = mix(mix(h, a.spa), a.tpa);
  h = mix(mix(h, Math.floor(a.tha / 0x1000000)), a.tha % 0x1000000);
  return sightingRecord(capture, frame, t, finish(h), 0, 0, undefined);
}

/** The hashes of one frame; `data` is its captured bytes. */
export function hashPacket(data: Uint8Array, frame: Frame): PacketHashes {
  return sightingOf(-1, frame, 0, data);
}

/**
 * The identity of an IP packet from its decoded headers, before murmur3's finaliser; an ICMP
 * message's quoted bytes are mixed in after it.
 */
function headerIdentity(ip: IpHeader, l4: Frame['l4']): number {
  let h = mix(0x9747b28c, ip.version);
  h = ip.version === 4 ? mix(mix(h, ip.src), ip.id) : mixString(h, ip.src);
  h = mix(h, ip.protocol);
  let payloadLength = 0;
  if (l4) {
    switch (l4.kind) {
      case 'tcp':
        h = mix(mix(mix(mix(h, l4.sport), l4.seq), l4.ack), l4.flags);
        payloadLength = l4.payloadLength;
        break;
      case 'udp':
        h = mix(h, l4.sport);
        payloadLength = l4.payloadLength;
        break;
      case 'icmp':
      case 'icmpv6':
        h = mix(mix(mix(h, l4.type), l4.code), (l4.echoId ?? 0) * 65536 + (l4.echoSeq ?? 0));
        payloadLength = Math.max(0, (ip.version === 4 ? ip.totalLength - ip.headerLength : ip.payloadLength - (ip.headerLength - 40)) - 4);
        break;
      case 'vrrp':
        h = mix(mix(h, l4.vrid), l4.priority);
        break;
    }
  } else if (ip.version === 4) {
    h = mix(h, ip.fragmentOffset);
  } else if (ip.fragment) {
    h = mix(mix(h, ip.fragment.id), ip.fragment.offset);
  }
  // The payload length comes from the headers, not from what was captured, so captures with
  // different snap lengths still agree; payload bytes stay out of the identity for that reason.
  return mix(h, payloadLength);
}

/** The identity hash of a TCP or UDP packet's frame (no captured bytes needed), as sightingOf computes it. */
export function transportIdentity(frame: Frame): number {
  return frame.ip ? finish(headerIdentity(frame.ip, frame.l4)) : 0;
}

/**
 * The sighting of `frame` in capture `capture` at capture time `t`, with the hashes of its
 * bytes `data`: built at once, with no hashes record in between (this runs for every packet).
 */
export function sightingOf(capture: number, frame: Frame, t: number, data: Uint8Array): Sighting {
  const ip = frame.ip;
  if (!ip) return frame.arp ? hashArp(capture, frame, t) : sightingRecord(capture, frame, t, 0, 0, 0, undefined);
  const captured = Math.min(data.length, frame.caplen);
  const l4 = frame.l4;
  let h = headerIdentity(ip, l4);
  if (l4 && (l4.kind === 'icmp' || l4.kind === 'icmpv6')) {
    const payloadOffset = l4.offset + 4;
    h = mixBytes(h, data, payloadOffset, Math.min(captured, payloadOffset + ICMP_BODY_PREFIX));
  }

  const ipLength = ip.version === 4 ? ip.totalLength || captured - ip.offset : 40 + ip.payloadLength;
  const spanEnd = Math.min(captured, ip.offset + ipLength, ip.offset + INVARIANT_SPAN);
  let invariant: number;
  if (ip.version === 6) {
    invariant = ip.fragment === undefined
      ? mixBytes(0x1234567, data, ip.offset, spanEnd, ip.offset + IPV6_MUTABLE_WORD, IPV6_MUTABLE_MASK)
      : ipv6FragmentInvariant(data, ip, spanEnd);
  } else {
    invariant = ip.dontFragment
      ? mixBytes(0x1234567, data, ip.offset, spanEnd, ip.offset + IPV4_MUTABLE_WORD, IPV4_MUTABLE_MASK)
      : ipv4RefragmentableInvariant(data, ip.offset, spanEnd);
  }
  const ipChecksumOk = ip.version === 4 && ip.offset + ip.headerLength <= captured
    ? ipv4ChecksumOk(data, ip.offset, ip.headerLength)
    : undefined;
  return sightingRecord(capture, frame, t, finish(h), finish(invariant), Math.max(0, spanEnd - ip.offset), ipChecksumOk);
}
