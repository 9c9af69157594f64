// Classic pcap (draft-ietf-opsawg-pcap; libpcap sf-pcap.c): a 24-byte file header, then
// records of a 16-byte header plus caplen bytes, unaligned. Kuznetsov's "modified" pcap
// has the same layout with a 24-byte record header, so it is read too.

import { caplenWithoutFcs, lenWithoutFcs } from './fcs.js';
import type { Framer, ReaderState } from './reader-state.js';
import type { PacketSink } from './packet-batch.js';

export const PCAP_FILE_HEADER_LENGTH = 24;
const RECORD_HEADER_LENGTH = 16;
const KUZNETSOV_RECORD_HEADER_LENGTH = 24;

const LINKTYPE_MASK = 0x0000ffff;
const LINKTYPE_RESERVED_BITS = 0x03ff0000;
const LINKTYPE_P_BIT = 0x04000000;
const LINKTYPE_R_BIT = 0x08000000;

/** How caplen and len are ordered in records: pre-2.3 files swap them; 2.3 files may. */
const SWAP = { NEVER: 0, ALWAYS: 1, WHEN_CAPLEN_EXCEEDS_LEN: 2 } as const;
type SwapMode = (typeof SWAP)[keyof typeof SWAP];

export type PcapFramerOptions = {
  readonly littleEndian: boolean;
  readonly nanosecond: boolean;
  readonly kuznetsov: boolean;
  readonly maxCaplen: number;
};

export class PcapFramer implements Framer {
  need = PCAP_FILE_HEADER_LENGTH;
  private readonly state: ReaderState;
  private readonly le: boolean;
  private readonly fracPerSecond: number;
  private readonly nsPerFrac: number;
  private readonly recordHeaderLength: number;
  private readonly maxCaplen: number;
  private headerRead = false;
  private swap: SwapMode = SWAP.NEVER;
  private linkType = 0;
  private snapLen = 0;
  private fcsLen = 0;
  /** Per-record conditions are warned about once; flags keep the check off the Set lookup. */
  private warnedSwap = false;
  private warnedOverSnaplen = false;

  constructor(state: ReaderState, options: PcapFramerOptions) {
    this.state = state;
    this.le = options.littleEndian;
    this.fracPerSecond = options.nanosecond ? 1_000_000_000 : 1_000_000;
    this.nsPerFrac = options.nanosecond ? 1 : 1000;
    this.recordHeaderLength = options.kuznetsov ? KUZNETSOV_RECORD_HEADER_LENGTH : RECORD_HEADER_LENGTH;
    this.maxCaplen = options.maxCaplen;
    if (options.kuznetsov) {
      state.warn('kuznetsov-pcap', 0, 'Kuznetsov modified pcap: the extra record header fields (ifindex, protocol, packet type) are ignored');
    }
  }

  frame(buf: Uint8Array, pos: number, end: number, base: number, out: PacketSink): number {
    const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    if (!this.headerRead) {
      if (end - pos < PCAP_FILE_HEADER_LENGTH) {
        this.need = PCAP_FILE_HEADER_LENGTH;
        return pos;
      }
      if (!this.readFileHeader(view, pos, base)) return pos;
      pos += PCAP_FILE_HEADER_LENGTH;
    }
    const state = this.state;
    const le = this.le, hl = this.recordHeaderLength, maxCaplen = this.maxCaplen;
    const swap = this.swap, linkType = this.linkType, fcsLen = this.fcsLen, snapLen = this.snapLen;
    const fracPerSecond = this.fracPerSecond, nsPerFrac = this.nsPerFrac;
    for (;;) {
      if (end - pos < hl) {
        this.need = hl;
        return pos;
      }
      let tsSec = view.getUint32(pos, le);
      let frac = view.getUint32(pos + 4, le);
      let caplen = view.getUint32(pos + 8, le);
      let len = view.getUint32(pos + 12, le);
      if (swap !== SWAP.NEVER && (swap === SWAP.ALWAYS || caplen > len)) {
        const t = caplen; caplen = len; len = t;
        if (swap === SWAP.WHEN_CAPLEN_EXCEEDS_LEN && !this.warnedSwap) this.warnSwapped(base + pos);
      }
      if (caplen > maxCaplen) {
        state.fail('caplen-too-large', base + pos,
          `record ${state.packetCount + 1} claims ${caplen} captured bytes, more than the limit of ${maxCaplen}`);
        return pos;
      }
      const total = hl + caplen;
      if (end - pos < total) {
        this.need = total;
        return pos;
      }
      if (caplen > snapLen && snapLen !== 0 && !this.warnedOverSnaplen) this.warnOverSnaplen(base + pos, caplen);
      if (frac >= fracPerSecond) {
        // Out-of-range fraction: carry whole seconds so tsNsec stays below 10^9.
        tsSec += Math.floor(frac / fracPerSecond);
        frac %= fracPerSecond;
      }
      const start = pos + hl;
      if (fcsLen !== 0) {
        caplen = caplenWithoutFcs(caplen, len, fcsLen);
        len = lenWithoutFcs(len, fcsLen);
      }
      out.add(++state.packetCount, tsSec, frac * nsPerFrac, linkType, caplen, len, buf, start, 0, base + pos);
      pos += total;
    }
  }

  finish(offset: number, have: number): void {
    if (!this.headerRead) {
      this.state.fail('truncated-header', offset,
        `the pcap file header needs ${PCAP_FILE_HEADER_LENGTH} bytes but the file has only ${have}`);
    } else if (have > 0) {
      this.state.fail('truncated-record', offset,
        `record ${this.state.packetCount + 1} is cut short: it needs ${this.need} bytes but only ${have} were read`);
    }
  }

  private readFileHeader(view: DataView, pos: number, base: number): boolean {
    const state = this.state, le = this.le;
    const major = view.getUint16(pos + 4, le);
    const minor = view.getUint16(pos + 6, le);
    if (major !== 2 || minor > 4) {
      state.fail('unsupported-version', base + pos + 4, `unsupported pcap version ${major}.${minor} (only 2.0 to 2.4 are valid)`);
      return false;
    }
    this.swap = minor < 3 ? SWAP.ALWAYS : minor === 3 ? SWAP.WHEN_CAPLEN_EXCEEDS_LEN : SWAP.NEVER;
    const snapLen = view.getUint32(pos + 16, le);
    const word = view.getUint32(pos + 20, le);
    this.snapLen = snapLen;
    this.linkType = word & LINKTYPE_MASK;
    const fcsWords = word >>> 28;
    if ((word & LINKTYPE_P_BIT) !== 0) {
      this.fcsLen = fcsWords * 2;
    } else if (fcsWords !== 0) {
      state.warn('linktype-fcs-without-p-bit', base + pos + 20,
        `link-type field 0x${hex32(word)} has an FCS length but not the bit that makes it valid; ignored`);
    }
    if ((word & (LINKTYPE_RESERVED_BITS | LINKTYPE_R_BIT)) !== 0) {
      state.warn('linktype-reserved-bits', base + pos + 20,
        `link-type field 0x${hex32(word)} has reserved bits set; using link type ${this.linkType}`);
    }
    if (snapLen === 0 || snapLen > this.maxCaplen) {
      state.warn('odd-snaplen', base + pos + 16, `snap length ${snapLen} is unusual; it is treated as advisory`);
    }
    state.interfaces.push({ id: 0, section: 0, linkType: this.linkType, snapLen, fcsLen: this.fcsLen });
    this.headerRead = true;
    return true;
  }

  private warnSwapped(offset: number): void {
    this.warnedSwap = true;
    this.state.warn('version-2.3-swapped', offset,
      'pcap 2.3 file with caplen and len in the old order; swapped them as libpcap does');
  }

  private warnOverSnaplen(offset: number, caplen: number): void {
    this.warnedOverSnaplen = true;
    this.state.warn('caplen-exceeds-snaplen', offset,
      `a record has ${caplen} captured bytes, more than the snap length ${this.snapLen}; kept them all`);
  }
}

function hex32(n: number): string {
  return (n >>> 0).toString(16).padStart(8, '0');
}
