// Decoded frames and their hashes as typed arrays, so a decode worker can hand a batch to the
// main thread by transfer instead of structured-cloning thousands of objects. The common
// shapes (Ethernet + ARP, Ethernet + IPv4 [+ TCP/UDP], no decode issue) travel as numbers and
// are rebuilt as the very objects the decoders make, key order included; anything else
// (VLANs, IPv6, ICMP, VRRP, cooked captures, issues) travels as a cloned object.

import type { Mac, Ipv4 } from '../decode/addresses.js';
import { NO_VLANS, type ArpPacket, type EthernetLink, type Frame, type Ipv4Header, type TcpOptions, type TcpSegment, type UdpDatagram } from '../decode/frame-types.js';
import { NO_TCP_OPTIONS } from '../decode/tcp.js';
import { NO_HASHES, type PacketHashes } from '../correlate/packet-hash.js';
import { makeSighting, type Sighting } from '../correlate/sighting.js';
import { LINKTYPE } from '../decode/constants.js';

// Frame kinds, then the Uint32 slot of each field (plain numbers: this runs for every frame).
const S_KIND = 0, S_TS_NSEC = 1, S_LINK_TYPE = 2, S_CAPLEN = 3, S_LEN = 4, S_INTERFACE = 5, S_SRC_HI = 6, S_SRC_LO = 7, S_DST_HI = 8, S_DST_LO = 9, S_ETHER_TYPE = 10, S_IDENTITY = 11, S_INVARIANT = 12, S_SPAN = 13, S_CHECKSUM_OK = 14;
const ARP_OP = 15, ARP_SHA_HI = 16, ARP_SHA_LO = 17, ARP_SPA = 18, ARP_THA_HI = 19, ARP_THA_LO = 20, ARP_TPA = 21;
const IP_OFFSET = 15, IP_HEADER_LENGTH = 16, IP_TOS = 17, IP_TOTAL_LENGTH = 18, IP_ID = 19, IP_FLAGS = 20, IP_FRAGMENT_OFFSET = 21, IP_TTL = 22, IP_PROTOCOL = 23, IP_CHECKSUM = 24, IP_SRC = 25, IP_DST = 26, IP_OPTIONS_LENGTH = 27;
const TCP_OFFSET = 28, TCP_SPORT = 29, TCP_DPORT = 30, TCP_SEQ = 31, TCP_ACK = 32, TCP_HEADER_LENGTH = 33, TCP_FLAGS = 34, TCP_WINDOW = 35, TCP_CHECKSUM = 36, TCP_URGENT = 37, TCP_PAYLOAD_OFFSET = 38, TCP_PAYLOAD_LENGTH = 39, TCP_OPTION_BITS = 40, TCP_MSS = 41, TCP_WSCALE = 42, TCP_TS_VAL = 43, TCP_TS_ECR = 44;
const UDP_OFFSET = 28, UDP_SPORT = 29, UDP_DPORT = 30, UDP_LENGTH = 31, UDP_CHECKSUM = 32, UDP_PAYLOAD_OFFSET = 33, UDP_PAYLOAD_LENGTH = 34;
const OPT_MSS = 1, OPT_WSCALE = 2, OPT_SACK = 4, OPT_TS_VAL = 8, OPT_TS_ECR = 16;
const KIND_RARE = 0, KIND_ARP = 1, KIND_TCP = 2, KIND_UDP = 3, KIND_IP = 4, KIND_OTHER = 5;
/** Uint32 slots per frame. */
const STRIDE = 45;
/** Float64 slots per frame: frame number, tsSec, fileOffset. */
const F_STRIDE = 3;
const TWO_32 = 0x100000000;


/** The high 16 and low 32 bits of a MAC (an exact split of a 48-bit integer, without %). */
function hi(mac: number): number {
  return (mac / TWO_32) >>> 0;
}

function lo(mac: number): number {
  return mac - hi(mac) * TWO_32;
}

export type Rare = { readonly index: number; readonly frame: Frame; readonly hashes: PacketHashes };

/** What crosses the thread boundary: the arrays' buffers are transferred. */
export type EncodedBatch = { readonly count: number; readonly u32: Uint32Array; readonly f64: Float64Array; readonly rare: readonly Rare[] };

function kindOf(f: Frame): number {
  const link = f.link;
  if (f.issue !== undefined || link === undefined || link.kind !== 'ethernet' || f.vlans.length !== 0 || f.linkType !== LINKTYPE.ETHERNET
    || f.tunnel !== undefined) return KIND_RARE;
  if (f.arp !== undefined) return KIND_ARP;
  const ip = f.ip;
  if (ip === undefined) return KIND_OTHER;
  if (ip.version !== 4) return KIND_RARE;
  const l4 = f.l4;
  if (l4 === undefined) return KIND_IP;
  // An IPVS sync message keeps its decoded entries: sent whole, like the rare kinds.
  return l4.kind === 'tcp' ? KIND_TCP : l4.kind === 'udp' && l4.ipvsSync === undefined ? KIND_UDP : KIND_RARE;
}

export class SightingBatchWriter {
  private count = 0;
  private readonly u32: Uint32Array;
  private readonly f64: Float64Array;
  private readonly rare: Rare[] = [];

  constructor(capacity: number) {
    this.u32 = new Uint32Array(capacity * STRIDE);
    this.f64 = new Float64Array(capacity * F_STRIDE);
  }

  add(f: Frame, h: PacketHashes): void {
    const i = this.count++;
    const kind = kindOf(f);
    const u = this.u32, o = i * STRIDE;
    u[o + S_KIND] = kind;
    if (kind === KIND_RARE) { this.rare.push({ index: i, frame: f, hashes: h }); return; }
    const d = this.f64, p = i * F_STRIDE;
    d[p] = f.frame; d[p + 1] = f.tsSec; d[p + 2] = f.fileOffset;
    const link = f.link as EthernetLink;
    u[o + S_TS_NSEC] = f.tsNsec; u[o + S_LINK_TYPE] = f.linkType; u[o + S_CAPLEN] = f.caplen; u[o + S_LEN] = f.len;
    u[o + S_INTERFACE] = f.interfaceId;
    u[o + S_SRC_HI] = hi(link.src); u[o + S_SRC_LO] = lo(link.src);
    u[o + S_DST_HI] = hi(link.dst); u[o + S_DST_LO] = lo(link.dst);
    u[o + S_ETHER_TYPE] = link.etherType;
    u[o + S_IDENTITY] = h.identity; u[o + S_INVARIANT] = h.invariant; u[o + S_SPAN] = h.invariantSpan;
    u[o + S_CHECKSUM_OK] = h.ipChecksumOk === undefined ? 0 : h.ipChecksumOk ? 2 : 1;
    if (kind === KIND_ARP) {
      const a = f.arp!;
      u[o + ARP_OP] = a.op;
      u[o + ARP_SHA_HI] = hi(a.sha); u[o + ARP_SHA_LO] = lo(a.sha); u[o + ARP_SPA] = a.spa;
      u[o + ARP_THA_HI] = hi(a.tha); u[o + ARP_THA_LO] = lo(a.tha); u[o + ARP_TPA] = a.tpa;
      return;
    }
    if (kind === KIND_OTHER) return;
    const ip = f.ip as Ipv4Header;
    u[o + IP_OFFSET] = ip.offset; u[o + IP_HEADER_LENGTH] = ip.headerLength; u[o + IP_TOS] = ip.tos;
    u[o + IP_TOTAL_LENGTH] = ip.totalLength; u[o + IP_ID] = ip.id;
    u[o + IP_FLAGS] = (ip.dontFragment ? 1 : 0) | (ip.moreFragments ? 2 : 0);
    u[o + IP_FRAGMENT_OFFSET] = ip.fragmentOffset; u[o + IP_TTL] = ip.ttl; u[o + IP_PROTOCOL] = ip.protocol;
    u[o + IP_CHECKSUM] = ip.checksum; u[o + IP_SRC] = ip.src; u[o + IP_DST] = ip.dst; u[o + IP_OPTIONS_LENGTH] = ip.optionsLength;
    if (kind === KIND_TCP) {
      const t = f.l4 as TcpSegment, opts = t.options;
      u[o + TCP_OFFSET] = t.offset; u[o + TCP_SPORT] = t.sport; u[o + TCP_DPORT] = t.dport; u[o + TCP_SEQ] = t.seq; u[o + TCP_ACK] = t.ack;
      u[o + TCP_HEADER_LENGTH] = t.headerLength; u[o + TCP_FLAGS] = t.flags; u[o + TCP_WINDOW] = t.window; u[o + TCP_CHECKSUM] = t.checksum;
      u[o + TCP_URGENT] = t.urgentPointer; u[o + TCP_PAYLOAD_OFFSET] = t.payloadOffset; u[o + TCP_PAYLOAD_LENGTH] = t.payloadLength;
      let bits = 0;
      if (opts !== NO_TCP_OPTIONS) {
        // Bit 32 marks an options object (even one with every option absent).
        bits = 32;
        if (opts.mss !== undefined) { bits |= OPT_MSS; u[o + TCP_MSS] = opts.mss; }
        if (opts.windowScale !== undefined) { bits |= OPT_WSCALE; u[o + TCP_WSCALE] = opts.windowScale; }
        if (opts.sackPermitted !== undefined) bits |= OPT_SACK;
        if (opts.tsVal !== undefined) { bits |= OPT_TS_VAL; u[o + TCP_TS_VAL] = opts.tsVal; }
        if (opts.tsEcr !== undefined) { bits |= OPT_TS_ECR; u[o + TCP_TS_ECR] = opts.tsEcr; }
      }
      u[o + TCP_OPTION_BITS] = bits;
    } else if (kind === KIND_UDP) {
      const d4 = f.l4 as UdpDatagram;
      u[o + UDP_OFFSET] = d4.offset; u[o + UDP_SPORT] = d4.sport; u[o + UDP_DPORT] = d4.dport; u[o + UDP_LENGTH] = d4.length;
      u[o + UDP_CHECKSUM] = d4.checksum; u[o + UDP_PAYLOAD_OFFSET] = d4.payloadOffset; u[o + UDP_PAYLOAD_LENGTH] = d4.payloadLength;
    }
  }

  finish(): EncodedBatch {
    return { count: this.count, u32: this.u32, f64: this.f64, rare: this.rare };
  }
}

/** The frames and hashes of an encoded batch, rebuilt one at a time. */
export class DecodedBatch {
  readonly length: number;
  private readonly u32: Uint32Array;
  private readonly f64: Float64Array;
  private readonly rare: readonly Rare[];
  private nextRare = 0;

  constructor(b: EncodedBatch) {
    this.length = b.count;
    this.u32 = b.u32;
    this.f64 = b.f64;
    this.rare = b.rare;
  }

  /** Capture time in seconds, as timeOf() computes it from the RawPacket. */
  time(i: number): number {
    if (this.u32[i * STRIDE + S_KIND] === KIND_RARE) {
      const f = this.rareAt(i).frame;
      return f.tsSec + f.tsNsec / 1e9;
    }
    return this.f64[i * F_STRIDE + 1]! + this.u32[i * STRIDE + S_TS_NSEC]! / 1e9;
  }

  /** The sighting of frame i at capture `capture`; frames are taken in order. */
  take(i: number, capture: number): Sighting {
    const u = this.u32, o = i * STRIDE;
    const kind = u[o + S_KIND]!;
    if (kind === KIND_RARE) {
      const r = this.rareAt(i);
      return makeSighting(capture, r.frame, r.frame.tsSec + r.frame.tsNsec / 1e9, r.hashes);
    }
    const d = this.f64, p = i * F_STRIDE;
    const link: EthernetLink = {
      kind: 'ethernet',
      src: (u[o + S_SRC_HI]! * TWO_32 + u[o + S_SRC_LO]!) as Mac,
      dst: (u[o + S_DST_HI]! * TWO_32 + u[o + S_DST_LO]!) as Mac,
      etherType: u[o + S_ETHER_TYPE]!,
    };
    let arp: ArpPacket | undefined, ip: Ipv4Header | undefined, l4: TcpSegment | UdpDatagram | undefined;
    let hashes: PacketHashes;
    if (kind === KIND_ARP) {
      arp = {
        kind: 'arp',
        op: u[o + ARP_OP]!,
        sha: (u[o + ARP_SHA_HI]! * TWO_32 + u[o + ARP_SHA_LO]!) as Mac,
        spa: u[o + ARP_SPA]! as Ipv4,
        tha: (u[o + ARP_THA_HI]! * TWO_32 + u[o + ARP_THA_LO]!) as Mac,
        tpa: u[o + ARP_TPA]! as Ipv4,
      };
      hashes = { identity: u[o + S_IDENTITY]! | 0, invariant: 0, invariantSpan: 0 };
    } else if (kind === KIND_OTHER) {
      hashes = NO_HASHES;
    } else {
      const flags = u[o + IP_FLAGS]!;
      ip = {
        version: 4,
        offset: u[o + IP_OFFSET]!,
        headerLength: u[o + IP_HEADER_LENGTH]!,
        tos: u[o + IP_TOS]!,
        totalLength: u[o + IP_TOTAL_LENGTH]!,
        id: u[o + IP_ID]!,
        dontFragment: (flags & 1) !== 0,
        moreFragments: (flags & 2) !== 0,
        fragmentOffset: u[o + IP_FRAGMENT_OFFSET]!,
        ttl: u[o + IP_TTL]!,
        protocol: u[o + IP_PROTOCOL]!,
        checksum: u[o + IP_CHECKSUM]!,
        src: u[o + IP_SRC]! as Ipv4,
        dst: u[o + IP_DST]! as Ipv4,
        optionsLength: u[o + IP_OPTIONS_LENGTH]!,
      };
      if (kind === KIND_TCP) l4 = tcpAt(u, o);
      else if (kind === KIND_UDP) {
        l4 = {
          kind: 'udp',
          offset: u[o + UDP_OFFSET]!,
          sport: u[o + UDP_SPORT]!,
          dport: u[o + UDP_DPORT]!,
          length: u[o + UDP_LENGTH]!,
          checksum: u[o + UDP_CHECKSUM]!,
          payloadOffset: u[o + UDP_PAYLOAD_OFFSET]!,
          payloadLength: u[o + UDP_PAYLOAD_LENGTH]!,
        };
      }
      const ok = u[o + S_CHECKSUM_OK]!;
      hashes = { identity: u[o + S_IDENTITY]! | 0, invariant: u[o + S_INVARIANT]! | 0, invariantSpan: u[o + S_SPAN]!, ipChecksumOk: ok === 0 ? undefined : ok === 2 };
    }
    const frame: Frame = {
      frame: d[p]!,
      tsSec: d[p + 1]!,
      tsNsec: u[o + S_TS_NSEC]!,
      linkType: u[o + S_LINK_TYPE]!,
      caplen: u[o + S_CAPLEN]!,
      len: u[o + S_LEN]!,
      interfaceId: u[o + S_INTERFACE]!,
      fileOffset: d[p + 2]!,
      link,
      vlans: NO_VLANS,
      arp,
      ip,
      l4,
      tunnel: undefined,
      issue: undefined,
    };
    return makeSighting(capture, frame, frame.tsSec + frame.tsNsec / 1e9, hashes);
  }

  private rareAt(i: number): Rare {
    // Rare frames are listed in index order and taken in order: a cursor finds them.
    let k = this.nextRare;
    if (k >= this.rare.length || this.rare[k]!.index > i) k = 0;
    while (this.rare[k]!.index < i) k++;
    this.nextRare = k;
    return this.rare[k]!;
  }
}

function tcpAt(u: Uint32Array, o: number): TcpSegment {
  const bits = u[o + TCP_OPTION_BITS]!;
  const options: TcpOptions = bits === 0 ? NO_TCP_OPTIONS : {
    mss: bits & OPT_MSS ? u[o + TCP_MSS]! : undefined,
    windowScale: bits & OPT_WSCALE ? u[o + TCP_WSCALE]! : undefined,
    sackPermitted: bits & OPT_SACK ? true : undefined,
    tsVal: bits & OPT_TS_VAL ? u[o + TCP_TS_VAL]! : undefined,
    tsEcr: bits & OPT_TS_ECR ? u[o + TCP_TS_ECR]! : undefined,
  };
  return {
    kind: 'tcp',
    offset: u[o + TCP_OFFSET]!,
    sport: u[o + TCP_SPORT]!,
    dport: u[o + TCP_DPORT]!,
    seq: u[o + TCP_SEQ]!,
    ack: u[o + TCP_ACK]!,
    headerLength: u[o + TCP_HEADER_LENGTH]!,
    flags: u[o + TCP_FLAGS]!,
    window: u[o + TCP_WINDOW]!,
    checksum: u[o + TCP_CHECKSUM]!,
    urgentPointer: u[o + TCP_URGENT]!,
    options,
    payloadOffset: u[o + TCP_PAYLOAD_OFFSET]!,
    payloadLength: u[o + TCP_PAYLOAD_LENGTH]!,
  };
}
