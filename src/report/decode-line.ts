// The `decode` command's JSON lines, written as bytes: the same text as
// safeJsonStringify(decodeRecordOf(file, frame)) (decode-record.ts; a test holds them equal),
// without a record object, a JSON.stringify and a dozen string pieces per frame (a million
// frames made the garbage collector the main cost). Only the file name can need escaping,
// and it is escaped once; every other value is a number, an address or a fixed word.

import { formatIp, formatMac, type IpAddress, type Mac } from '../decode/addresses.js';
import { fragmentOf } from '../decode/fragment.js';
import type { Frame, IpHeader } from '../decode/frame-types.js';
import { safeJsonStringify } from './escape.js';
import { formatTimestamp } from './format-time.js';

/** An ASCII string as bytes. */
function ascii(s: string): Uint8Array {
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}

/** Formatted addresses repeat from frame to frame; a small cache (as bytes) saves most formatting. */
const CACHE_LIMIT = 4096;
const macText = new Map<Mac, Uint8Array>();
const ipText = new Map<IpAddress, Uint8Array>();

function cachedText<K>(cache: Map<K, Uint8Array>, key: K, format: (k: K) => string): Uint8Array {
  let s = cache.get(key);
  if (s === undefined) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, (s = ascii(format(key))));
  }
  return s;
}

const macBytes = (m: Mac): Uint8Array => cachedText(macText, m, formatMac);
const ipBytes = (a: IpAddress): Uint8Array => cachedText(ipText, a, formatIp);

/**
 * Line segments that depend only on two or three values (`,"link":…"eth.dst":"D"` on the MACs,
 * `,"ip.version":4,…"ip.ttl":T,"ip.id":` on the addresses and TTL), in small direct-mapped
 * caches: a capture has a handful of such combinations, and one native copy of a segment costs
 * what one key's copy does.
 */
class SegmentCache {
  private readonly as = new Float64Array(PAIR_SLOTS).fill(-1);
  private readonly bs = new Float64Array(PAIR_SLOTS).fill(-1);
  private readonly cs = new Float64Array(PAIR_SLOTS).fill(-1);
  private readonly texts: (Uint8Array | undefined)[] = new Array<Uint8Array | undefined>(PAIR_SLOTS).fill(undefined);

  private readonly build: (a: number, b: number, c: number) => Uint8Array;

  constructor(build: (a: number, b: number, c: number) => Uint8Array) {
    this.build = build;
  }

  get(a: number, b: number, c: number): Uint8Array {
    // ToInt32 keeps the low 32 bits of a MAC: enough to spread a handful of pairs.
    const slot = (Math.imul(Math.imul(a | 0, 31) + (b | 0), 31) + (c | 0)) & (PAIR_SLOTS - 1);
    const text = this.texts[slot];
    if (text !== undefined && this.as[slot] === a && this.bs[slot] === b && this.cs[slot] === c) return text;
    const made = this.build(a, b, c);
    this.as[slot] = a; this.bs[slot] = b; this.cs[slot] = c; this.texts[slot] = made;
    return made;
  }
}

const PAIR_SLOTS = 64;

/** Room for everything on a line but the file name (the VLAN list is bounded by the decoder). */
const LINE_ROOM = 2048;
const BILLION = 1_000_000_000;

export class DecodeLineWriter {
  private buf: Uint8Array;
  private spare: Uint8Array | undefined;
  private pos = 0;
  /** `{"file":"F","frame":`. */
  private readonly prefix: Uint8Array;
  /** `,"ts":"S.` for the whole seconds of the latest frame: consecutive frames share them. */
  private secText = new Uint8Array(0);
  private sec = -1;
  private linkType = -1;
  private linkTypeBytes = new Uint8Array(0);

  constructor(file: string, capacity = 1 << 20) {
    this.prefix = new TextEncoder().encode(`{"file":${safeJsonStringify(file)},"frame":`);
    this.buf = new Uint8Array(Math.max(capacity, this.prefix.length + LINE_ROOM));
  }

  /** Bytes written so far. */
  get size(): number { return this.pos; }

  /**
   * The bytes written since the last take(); writing continues in another buffer. Give the
   * bytes back with recycle() once written: fresh buffers cost page faults and zeroing.
   */
  take(): Uint8Array {
    const out = this.buf.subarray(0, this.pos);
    this.buf = this.spare ?? new Uint8Array(this.buf.length);
    this.spare = undefined;
    this.pos = 0;
    return out;
  }

  recycle(bytes: Uint8Array): void {
    const whole = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.buffer.byteLength - bytes.byteOffset);
    if (whole.length === this.buf.length) this.spare = whole;
  }

  /** Appends the JSON line of `f`, newline included. */
  add(f: Frame): void {
    if (this.pos + this.prefix.length + LINE_ROOM > this.buf.length) this.grow();
    // Positions are threaded through plain functions: they inline, property updates would not.
    const b = this.buf;
    b.set(this.prefix, this.pos);
    let p = this.pos + this.prefix.length;
    p = putNumber(b, p, f.frame);
    p = this.putTime(b, p, f.tsSec, f.tsNsec);
    p = copy(b, p, this.linkTypeText(f.linkType)); p = putNumber(b, p, f.caplen);
    p = copy(b, p, K_LEN); p = putNumber(b, p, f.len);
    const link = f.link;
    if (link) {
      if (link.kind === 'ethernet') {
        p = copy(b, p, ethernetSegments.get(link.src, link.dst, 0));
      } else {
        p = copy(b, p, K_LINK); p = put(b, p, link.kind); b[p++] = QUOTE;
      }
      if (link.kind === 'sll' || link.kind === 'sll2') {
        if (link.src !== undefined) { p = copy(b, p, K_SLL_SRC); p = copy(b, p, macBytes(link.src)); b[p++] = QUOTE; }
        p = copy(b, p, K_SLL_PKTTYPE); p = putNumber(b, p, link.packetType);
        if (link.ifindex !== undefined) { p = copy(b, p, K_SLL_IFINDEX); p = putNumber(b, p, link.ifindex); }
      }
    }
    if (f.vlans.length > 0) {
      p = copy(b, p, K_VLAN);
      for (let i = 0; i < f.vlans.length; i++) { if (i > 0) b[p++] = COMMA; p = putNumber(b, p, f.vlans[i]!.id); }
      b[p++] = CLOSE_BRACKET;
    }
    const arp = f.arp;
    if (arp) {
      p = copy(b, p, K_ARP_OP); p = putNumber(b, p, arp.op);
      p = copy(b, p, K_ARP_SHA); p = copy(b, p, macBytes(arp.sha));
      p = copy(b, p, K_ARP_SPA); p = copy(b, p, ipBytes(arp.spa));
      p = copy(b, p, K_ARP_THA); p = copy(b, p, macBytes(arp.tha));
      p = copy(b, p, K_ARP_TPA); p = copy(b, p, ipBytes(arp.tpa)); b[p++] = QUOTE;
    }
    const tunnel = f.tunnel;
    if (tunnel) p = putTunnel(b, p, tunnel);
    const ip = f.ip;
    if (ip) {
      if (ip.version === 4) {
        p = copy(b, p, ipv4Segments.get(ip.src, ip.dst, ip.ttl)); p = putNumber(b, p, ip.id);
        p = putFragment(b, p, ip, IP_FRAGMENT_KEYS);
      } else {
        p = copy(b, p, K_IP_6_SRC); p = copy(b, p, ipBytes(ip.src));
        p = copy(b, p, K_IP_DST); p = copy(b, p, ipBytes(ip.dst));
        p = copy(b, p, K_IP_TTL); p = putNumber(b, p, ip.ttl);
        p = putFragment(b, p, ip, IP_FRAGMENT_KEYS);
      }
      // TCP's protocol number and first key as one segment (most lines); others in pieces.
      if (ip.protocol === TCP && f.l4?.kind === 'tcp') p = copy(b, p, K_IP_PROTO_TCP_SPORT);
      else { p = copy(b, p, K_IP_PROTO); p = putNumber(b, p, ip.protocol); }
    }
    const l4 = f.l4;
    if (l4) {
      switch (l4.kind) {
        case 'tcp':
          if (ip?.protocol !== TCP) p = copy(b, p, K_TCP_SPORT);
          p = putNumber(b, p, l4.sport);
          p = copy(b, p, K_TCP_DPORT); p = putNumber(b, p, l4.dport);
          p = copy(b, p, K_TCP_SEQ); p = putNumber(b, p, l4.seq);
          p = copy(b, p, K_TCP_ACK); p = putNumber(b, p, l4.ack);
          p = copy(b, p, K_TCP_FLAGS); p = putNumber(b, p, l4.flags);
          break;
        case 'udp':
          p = copy(b, p, K_UDP_SPORT); p = putNumber(b, p, l4.sport);
          p = copy(b, p, K_UDP_DPORT); p = putNumber(b, p, l4.dport);
          if (l4.ipvsSync) {
            p = copy(b, p, K_IPVS_SYNCID); p = putNumber(b, p, l4.ipvsSync.syncid);
            p = copy(b, p, K_IPVS_CONNS); p = putNumber(b, p, l4.ipvsSync.count);
          }
          break;
        case 'icmp':
        case 'icmpv6':
          p = copy(b, p, K_ICMP_TYPE); p = putNumber(b, p, l4.type);
          p = copy(b, p, K_ICMP_CODE); p = putNumber(b, p, l4.code);
          break;
        case 'vrrp':
          p = copy(b, p, K_VRRP_VERSION); p = putNumber(b, p, l4.version);
          p = copy(b, p, K_VRRP_VRID); p = putNumber(b, p, l4.vrid);
          p = copy(b, p, K_VRRP_PRIORITY); p = putNumber(b, p, l4.priority);
          break;
      }
    }
    const issue = f.issue;
    if (issue) {
      p = copy(b, p, K_ISSUE_CODE); p = put(b, p, JSON.stringify(issue.code));
      p = copy(b, p, K_CAUSE); p = put(b, p, JSON.stringify(issue.cause));
      p = copy(b, p, K_OFFSET); p = putNumber(b, p, issue.offset);
      b[p++] = CLOSE_BRACE;
    }
    b[p++] = CLOSE_BRACE;
    b[p++] = NEWLINE;
    this.pos = p;
  }

  /** `","linktype":L,"caplen":` for the capture's link type (one per file as a rule). */
  private linkTypeText(linkType: number): Uint8Array {
    if (linkType !== this.linkType) {
      this.linkTypeBytes = Buffer.concat([K_LINKTYPE, ascii(JSON.stringify(linkType)), K_CAPLEN]);
      this.linkType = linkType;
    }
    return this.linkTypeBytes;
  }

  /** `,"ts":"` and the timestamp; the whole seconds come from the previous frame's when equal. */
  private putTime(b: Uint8Array, p: number, sec: number, nsec: number): number {
    if (!(sec >= 0 && sec <= 0xffffffff && Number.isInteger(sec) && nsec >= 0 && nsec < BILLION && Number.isInteger(nsec))) {
      return put(b, copy(b, p, K_TS), formatTimestamp(sec, nsec));
    }
    if (sec !== this.sec) {
      const text = new Uint8Array(K_TS.length + 11);
      text.set(K_TS);
      const end = putNumber(text, K_TS.length, sec);
      text[end] = DOT;
      this.secText = text.subarray(0, end + 1);
      this.sec = sec;
    }
    return putNanoseconds(b, copy(b, p, this.secText), nsec);
  }

  private grow(): void {
    const next = new Uint8Array(this.buf.length * 2 + this.prefix.length + LINE_ROOM);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }
}

const QUOTE = 0x22, COMMA = 0x2c, CLOSE_BRACKET = 0x5d, CLOSE_BRACE = 0x7d, NEWLINE = 0x0a, DOT = 0x2e, ZERO = 0x30;

// The keys of a line, as bytes.
const K_TS = ascii(',"ts":"');
const K_QUOTE = ascii('"');
const K_LINKTYPE = ascii('","linktype":');
const K_CAPLEN = ascii(',"caplen":');
const K_LEN = ascii(',"len":');
const K_LINK = ascii(',"link":"');
const K_LINK_ETHERNET_SRC = ascii(',"link":"ethernet","eth.src":"');
const K_ETH_DST = ascii('","eth.dst":"');
const K_SLL_SRC = ascii(',"sll.src":"');
const K_SLL_PKTTYPE = ascii(',"sll.pkttype":');
const K_SLL_IFINDEX = ascii(',"sll.ifindex":');
const K_VLAN = ascii(',"vlan":[');
const K_ARP_OP = ascii(',"arp.op":');
const K_ARP_SHA = ascii(',"arp.sha":"');
const K_ARP_SPA = ascii('","arp.spa":"');
const K_ARP_THA = ascii('","arp.tha":"');
const K_ARP_TPA = ascii('","arp.tpa":"');
const K_TUNNEL_VERSION = ascii(',"tunnel.version":');
const K_TUNNEL_SRC = ascii(',"tunnel.src":"');
const K_TUNNEL_DST = ascii('","tunnel.dst":"');
const K_TUNNEL_TTL = ascii('","tunnel.ttl":');
const K_TUNNEL_ID = ascii(',"tunnel.id":');
const K_TUNNEL_PROTO = ascii(',"tunnel.proto":');

/** The outer header of IP in IP (rare: written in pieces). */
function putTunnel(b: Uint8Array, p: number, t: IpHeader): number {
  p = copy(b, p, K_TUNNEL_VERSION); p = putNumber(b, p, t.version);
  p = copy(b, p, K_TUNNEL_SRC); p = copy(b, p, ipBytes(t.src));
  p = copy(b, p, K_TUNNEL_DST); p = copy(b, p, ipBytes(t.dst));
  p = copy(b, p, K_TUNNEL_TTL); p = putNumber(b, p, t.ttl);
  if (t.version === 4) { p = copy(b, p, K_TUNNEL_ID); p = putNumber(b, p, t.id); }
  p = putFragment(b, p, t, TUNNEL_FRAGMENT_KEYS);
  p = copy(b, p, K_TUNNEL_PROTO); p = putNumber(b, p, t.protocol);
  return p;
}

type FragmentKeys = { readonly id: Uint8Array; readonly offset: Uint8Array; readonly more: Uint8Array };
const fragmentKeys = (prefix: string): FragmentKeys => ({
  id: ascii(`,"${prefix}.frag_id":`), offset: ascii(`,"${prefix}.frag_offset":`), more: ascii(`,"${prefix}.mf":`),
});
const IP_FRAGMENT_KEYS = fragmentKeys('ip'), TUNNEL_FRAGMENT_KEYS = fragmentKeys('tunnel');
const K_TRUE = ascii('true'), K_FALSE = ascii('false');

/** The fragment keys of decode-record's addIpKeys, when `h` is a fragment. */
function putFragment(b: Uint8Array, p: number, h: IpHeader, keys: FragmentKeys): number {
  const f = fragmentOf(h);
  if (!f) return p;
  if (h.version === 6) { p = copy(b, p, keys.id); p = putNumber(b, p, f.id); }
  p = copy(b, p, keys.offset); p = putNumber(b, p, f.offset);
  p = copy(b, p, keys.more);
  return copy(b, p, f.moreFragments ? K_TRUE : K_FALSE);
}

const K_IP_4_SRC = ascii(',"ip.version":4,"ip.src":"');
const K_IP_6_SRC = ascii(',"ip.version":6,"ip.src":"');
const K_IP_DST = ascii('","ip.dst":"');
const K_IP_TTL = ascii('","ip.ttl":');
const K_IP_ID = ascii(',"ip.id":');
const K_IP_PROTO = ascii(',"ip.proto":');
const K_TCP_SPORT = ascii(',"tcp.sport":');
const K_IP_PROTO_TCP_SPORT = ascii(',"ip.proto":6,"tcp.sport":');
const TCP = 6;
const K_TCP_DPORT = ascii(',"tcp.dport":');
const K_TCP_SEQ = ascii(',"tcp.seq":');
const K_TCP_ACK = ascii(',"tcp.ack":');
const K_TCP_FLAGS = ascii(',"tcp.flags":');
const K_UDP_SPORT = ascii(',"udp.sport":');
const K_UDP_DPORT = ascii(',"udp.dport":');
const K_IPVS_SYNCID = ascii(',"ipvs.syncid":');
const K_IPVS_CONNS = ascii(',"ipvs.conns":');
const K_ICMP_TYPE = ascii(',"icmp.type":');
const K_ICMP_CODE = ascii(',"icmp.code":');
const K_VRRP_VERSION = ascii(',"vrrp.version":');
const K_VRRP_VRID = ascii(',"vrrp.vrid":');
const K_VRRP_PRIORITY = ascii(',"vrrp.priority":');
const K_ISSUE_CODE = ascii(',"issue":{"code":');
const K_CAUSE = ascii(',"cause":');
const K_OFFSET = ascii(',"offset":');

const ethernetSegments = new SegmentCache((src, dst) =>
  Buffer.concat([K_LINK_ETHERNET_SRC, macBytes(src as Mac), K_ETH_DST, macBytes(dst as Mac), K_QUOTE]));
const ipv4Segments = new SegmentCache((src, dst, ttl) =>
  Buffer.concat([K_IP_4_SRC, ipBytes(src as IpAddress), K_IP_DST, ipBytes(dst as IpAddress), K_IP_TTL, ascii(String(ttl)), K_IP_ID]));

/** "0000" to "9999", as bytes. */
const GROUPS = ascii(Array.from({ length: 10000 }, (_, i) => String(i).padStart(4, '0')).join(''));

function copy(b: Uint8Array, p: number, bytes: Uint8Array): number {
  // A native copy costs the same for 8 bytes as for 64; a byte loop grows with every byte.
  b.set(bytes, p);
  return p + bytes.length;
}

/** An ASCII string (addresses, numbers, fixed words, JSON-escaped codes) at p; returns the end. */
function put(b: Uint8Array, p: number, s: string): number {
  for (let i = 0; i < s.length; i++) b[p++] = s.charCodeAt(i);
  return p;
}

/** A number as JSON.stringify writes it. */
function putNumber(b: Uint8Array, p: number, n: number): number {
  if (!(n >= 0 && n <= 0xffffffff && Number.isInteger(n))) return put(b, p, JSON.stringify(n));
  if (n < 10) { b[p] = ZERO + n; return p + 1; }
  if (n < 1e4) return putHead(b, p, n);
  // Groups of four digits: the leading group without its zeros, the others zero-padded.
  if (n < 1e8) {
    const hi = (n / 1e4) >>> 0;
    return putGroup(b, putHead(b, p, hi), n - hi * 1e4);
  }
  const top = (n / 1e8) >>> 0, rest = n - top * 1e8, mid = (rest / 1e4) >>> 0;
  return putGroup(b, putGroup(b, putHead(b, p, top), mid), rest - mid * 1e4);
}

/** 1 to 9999 without leading zeros. */
function putHead(b: Uint8Array, p: number, n: number): number {
  const at = n * 4;
  if (n >= 1000) { b[p] = GROUPS[at]!; b[p + 1] = GROUPS[at + 1]!; b[p + 2] = GROUPS[at + 2]!; b[p + 3] = GROUPS[at + 3]!; return p + 4; }
  if (n >= 100) { b[p] = GROUPS[at + 1]!; b[p + 1] = GROUPS[at + 2]!; b[p + 2] = GROUPS[at + 3]!; return p + 3; }
  if (n >= 10) { b[p] = GROUPS[at + 2]!; b[p + 1] = GROUPS[at + 3]!; return p + 2; }
  b[p] = GROUPS[at + 3]!;
  return p + 1;
}

/** 0 to 9999 as four digits. */
function putGroup(b: Uint8Array, p: number, n: number): number {
  const at = n * 4;
  b[p] = GROUPS[at]!; b[p + 1] = GROUPS[at + 1]!; b[p + 2] = GROUPS[at + 2]!; b[p + 3] = GROUPS[at + 3]!;
  return p + 4;
}

/** Nine digits, zero-padded. */
function putNanoseconds(b: Uint8Array, p: number, nsec: number): number {
  const top = (nsec / 1e8) >>> 0, rest = nsec - top * 1e8, mid = (rest / 1e4) >>> 0;
  b[p] = ZERO + top;
  return putGroup(b, putGroup(b, p + 1, mid), rest - mid * 1e4);
}

/** One frame's line as a string (for callers that print a few frames). */
export function decodeJsonLine(file: string, f: Frame): string {
  const w = new DecodeLineWriter(file, 0);
  w.add(f);
  return new TextDecoder().decode(w.take());
}
