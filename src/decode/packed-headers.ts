// The analysis's IPv4, TCP and UDP records: the header's words kept as signed 32-bit
// integers, the fields read through getters. They hold exactly the values of the plain
// records readIpv4 / readTcp / readUdp make (the same functions validate and choose which to
// build), in fewer bytes: V8 keeps a field that ever held a value ≥ 2³¹ (an address, a
// sequence number, a timestamp: half of them) as a boxed number in every record of its
// shape, while an int32 fits in the field itself. On a busy director the correlation window
// and the connections in flight keep ~10⁵ frames alive, and their size is what the garbage
// collector pays for.

import type { Ipv4 } from './addresses.js';
import type { Ipv4Header, IpvsSyncMessage, TcpOptions, TcpSegment, UdpDatagram } from './frame-types.js';

/** A big-endian 32-bit word as a signed integer (what fits in a V8 field unboxed). */
function word(b: Uint8Array, off: number): number {
  return (b[off]! << 24) | (b[off + 1]! << 16) | (b[off + 2]! << 8) | b[off + 3]!;
}

const IPV4_MIN_HEADER_LENGTH = 20, UDP_HEADER_LENGTH = 8;
const FLAG_DF = 0x4000, FLAG_MF = 0x2000, FRAGMENT_OFFSET_MASK = 0x1fff, TCP_FLAGS_MASK = 0x0fff;

export class PackedIpv4 implements Ipv4Header {
  readonly offset: number;
  /** Version/IHL, TOS, total length. */
  private readonly w0: number;
  /** ID, flags and fragment offset. */
  private readonly w1: number;
  /** TTL, protocol, header checksum. */
  private readonly w2: number;
  private readonly srcWord: number;
  private readonly dstWord: number;

  /** The header at `off` of `b`, already validated by readIpv4. */
  constructor(b: Uint8Array, off: number) {
    this.offset = off;
    this.w0 = word(b, off);
    this.w1 = word(b, off + 4);
    this.w2 = word(b, off + 8);
    this.srcWord = word(b, off + 12);
    this.dstWord = word(b, off + 16);
  }

  get version(): 4 { return 4; }
  get headerLength(): number { return ((this.w0 >>> 24) & 0x0f) * 4; }
  get tos(): number { return (this.w0 >>> 16) & 0xff; }
  get totalLength(): number { return this.w0 & 0xffff; }
  get id(): number { return this.w1 >>> 16; }
  get dontFragment(): boolean { return (this.w1 & FLAG_DF) !== 0; }
  get moreFragments(): boolean { return (this.w1 & FLAG_MF) !== 0; }
  get fragmentOffset(): number { return (this.w1 & FRAGMENT_OFFSET_MASK) * 8; }
  get ttl(): number { return this.w2 >>> 24; }
  get protocol(): number { return (this.w2 >>> 16) & 0xff; }
  get checksum(): number { return this.w2 & 0xffff; }
  get src(): Ipv4 { return (this.srcWord >>> 0) as Ipv4; }
  get dst(): Ipv4 { return (this.dstWord >>> 0) as Ipv4; }
  get optionsLength(): number { return this.headerLength - IPV4_MIN_HEADER_LENGTH; }
}

export class PackedTcp implements TcpSegment {
  readonly offset: number;
  readonly payloadLength: number;
  /** Source port, destination port. */
  private readonly ports: number;
  private readonly seqWord: number;
  private readonly ackWord: number;
  /** Data offset and flags, window. */
  private readonly w3: number;
  /** Checksum, urgent pointer. */
  private readonly w4: number;
  /** Parsed options, or undefined for the aligned timestamps of `tsValWord`/`tsEcrWord`. */
  private readonly parsed: TcpOptions | undefined;
  private readonly tsValWord: number;
  private readonly tsEcrWord: number;

  /**
   * The header at `off` of `b`, already validated by readTcp. `options` undefined: the options
   * are NOP, NOP, timestamps (almost every segment after the handshake), kept as two words.
   */
  constructor(b: Uint8Array, off: number, payloadLength: number, options: TcpOptions | undefined) {
    this.offset = off;
    this.payloadLength = payloadLength;
    this.ports = word(b, off);
    this.seqWord = word(b, off + 4);
    this.ackWord = word(b, off + 8);
    this.w3 = word(b, off + 12);
    this.w4 = word(b, off + 16);
    this.parsed = options;
    this.tsValWord = options === undefined ? word(b, off + 24) : 0;
    this.tsEcrWord = options === undefined ? word(b, off + 28) : 0;
  }

  get kind(): 'tcp' { return 'tcp'; }
  get sport(): number { return this.ports >>> 16; }
  get dport(): number { return this.ports & 0xffff; }
  get seq(): number { return this.seqWord >>> 0; }
  get ack(): number { return this.ackWord >>> 0; }
  get headerLength(): number { return (this.w3 >>> 28) * 4; }
  get flags(): number { return (this.w3 >>> 16) & TCP_FLAGS_MASK; }
  get window(): number { return this.w3 & 0xffff; }
  get checksum(): number { return this.w4 >>> 16; }
  get urgentPointer(): number { return this.w4 & 0xffff; }
  get payloadOffset(): number { return this.offset + this.headerLength; }
  get options(): TcpOptions {
    return this.parsed ?? {
      mss: undefined, windowScale: undefined, sackPermitted: undefined, tsVal: this.tsValWord >>> 0, tsEcr: this.tsEcrWord >>> 0,
    };
  }
}

export class PackedUdp implements UdpDatagram {
  readonly offset: number;
  readonly payloadLength: number;
  private readonly ports: number;
  /** Length, checksum. */
  private readonly w1: number;

  readonly ipvsSync: IpvsSyncMessage | undefined;

  /** The header at `off` of `b`, already validated by readUdp. */
  constructor(b: Uint8Array, off: number, payloadLength: number, ipvsSync: IpvsSyncMessage | undefined) {
    this.offset = off;
    this.payloadLength = payloadLength;
    this.ipvsSync = ipvsSync;
    this.ports = word(b, off);
    this.w1 = word(b, off + 4);
  }

  get kind(): 'udp' { return 'udp'; }
  get sport(): number { return this.ports >>> 16; }
  get dport(): number { return this.ports & 0xffff; }
  get length(): number { return this.w1 >>> 16; }
  get checksum(): number { return this.w1 & 0xffff; }
  get payloadOffset(): number { return this.offset + UDP_HEADER_LENGTH; }
}
