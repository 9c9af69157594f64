// pcapng (draft-ietf-opsawg-pcapng): a sequence of blocks `type | total length | body |
// total length`. Every section header (SHB) sets the byte order and starts a new interface
// table; interface ids in packets are section-local, RawPacket.interfaceId is global.

import type { CaptureErrorCode } from './capture-error.js';
import { caplenWithoutFcs, lenWithoutFcs } from './fcs.js';
import { optionString, walkOptions } from './pcapng-options.js';
import type { Framer, ReaderState } from './reader-state.js';
import type { PacketSink } from './packet-batch.js';
import type { CaptureInterface, InterfaceStats } from './raw-packet.js';
import { DEFAULT_TSRESOL, TimestampScale, signed64, unsigned64 } from './timestamp.js';

export const BLOCK_TYPE = {
  SHB: 0x0a0d0d0a,
  IDB: 0x00000001,
  PB: 0x00000002,
  SPB: 0x00000003,
  NRB: 0x00000004,
  ISB: 0x00000005,
  EPB: 0x00000006,
  DSB: 0x0000000a,
  CUSTOM: 0x00000bad,
  CUSTOM_NO_COPY: 0x40000bad,
} as const;

const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
const BYTE_ORDER_MAGIC_SWAPPED = 0x4d3c2b1a;

/** Smallest valid total length per block type (header, fixed fields, trailer). */
const MIN_LENGTH = { ANY: 12, SHB: 28, IDB: 20, PACKET: 32, SPB: 16, ISB: 24 } as const;
/** type + total length: enough to size any block but an SHB. */
const BLOCK_HEADER_LENGTH = 8;
/** An SHB's length can only be read after its byte-order magic. */
const SHB_HEADER_LENGTH = 12;
/** EPB and PB share the offsets of everything after the interface id. */
const PACKET = { INTERFACE: 8, TS_HIGH: 12, TS_LOW: 16, CAPLEN: 20, LEN: 24, DATA: 28 } as const;

const IDB_OPTION = { NAME: 2, DESCRIPTION: 3, TSRESOL: 9, FCSLEN: 13, TSOFFSET: 14 } as const;
const ISB_OPTION = { IFRECV: 4, IFDROP: 5, OSDROP: 7 } as const;

type InterfaceState = {
  readonly globalId: number;
  readonly linkType: number;
  readonly snapLen: number;
  readonly fcsLen: number;
  readonly scale: TimestampScale;
  readonly tsOffsetSec: number;
};

export type PcapngFramerOptions = { readonly maxCaplen: number; readonly maxBlockLength: number };

export class PcapngFramer implements Framer {
  need = BLOCK_HEADER_LENGTH;
  private readonly state: ReaderState;
  private readonly maxCaplen: number;
  private readonly maxBlockLength: number;
  private le = true;
  private section = -1;
  /** Interfaces of the current section, by section-local id. */
  private ifaces: InterfaceState[] = [];

  constructor(state: ReaderState, options: PcapngFramerOptions) {
    this.state = state;
    this.maxCaplen = options.maxCaplen;
    this.maxBlockLength = options.maxBlockLength;
  }

  frame(buf: Uint8Array, pos: number, end: number, base: number, out: PacketSink): number {
    const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    const state = this.state;
    const maxBlockLength = this.maxBlockLength, maxCaplen = this.maxCaplen;
    let le = this.le;
    for (;;) {
      const avail = end - pos;
      if (avail < BLOCK_HEADER_LENGTH) {
        this.need = BLOCK_HEADER_LENGTH;
        return pos;
      }
      const type = view.getUint32(pos, le);
      if (type === BLOCK_TYPE.SHB) {
        const consumed = this.readSectionHeader(view, pos, avail, base);
        if (consumed <= 0) return pos;
        le = this.le;
        pos += consumed;
        continue;
      }
      const total = view.getUint32(pos + 4, le);
      if (total < MIN_LENGTH.ANY || (total & 3) !== 0) {
        return this.fail('bad-block-length', base + pos + 4, pos,
          `block at byte ${base + pos} has total length ${total}; it must be a multiple of 4 and at least ${MIN_LENGTH.ANY}`);
      }
      if (total > maxBlockLength) {
        return this.fail('block-too-large', base + pos + 4, pos,
          `block at byte ${base + pos} has total length ${total}, more than the limit of ${maxBlockLength}`);
      }
      if (avail < total) {
        this.need = total;
        return pos;
      }
      const trailer = view.getUint32(pos + total - 4, le);
      if (trailer !== total) {
        return this.fail('block-trailer-mismatch', base + pos + total - 4, pos,
          `block at byte ${base + pos} has total length ${total} in its header but ${trailer} in its trailer`);
      }
      if (type === BLOCK_TYPE.EPB || type === BLOCK_TYPE.PB) {
        // The packet path is inlined: it runs once per packet.
        if (total < MIN_LENGTH.PACKET) {
          return this.fail('bad-block-length', base + pos + 4, pos,
            `packet block at byte ${base + pos} has total length ${total}, less than the minimum of ${MIN_LENGTH.PACKET}`);
        }
        const localId = type === BLOCK_TYPE.EPB
          ? view.getUint32(pos + PACKET.INTERFACE, le)
          : view.getUint16(pos + PACKET.INTERFACE, le);
        const ifaces = this.ifaces;
        if (localId >= ifaces.length) return this.failUnknownInterface(localId, base, pos);
        const iface = ifaces[localId]!;
        let caplen = view.getUint32(pos + PACKET.CAPLEN, le);
        let len = view.getUint32(pos + PACKET.LEN, le);
        if (caplen > total - MIN_LENGTH.PACKET) {
          return this.fail('bad-block-length', base + pos + PACKET.CAPLEN, pos,
            `packet block at byte ${base + pos} claims ${caplen} captured bytes but its total length ${total} leaves room for ${total - MIN_LENGTH.PACKET}`);
        }
        if (caplen > maxCaplen) {
          return this.fail('caplen-too-large', base + pos + PACKET.CAPLEN, pos,
            `packet ${state.packetCount + 1} claims ${caplen} captured bytes, more than the limit of ${maxCaplen}`);
        }
        const scale = iface.scale;
        scale.convert(view.getUint32(pos + PACKET.TS_HIGH, le), view.getUint32(pos + PACKET.TS_LOW, le));
        const fcsLen = iface.fcsLen;
        if (fcsLen !== 0) {
          caplen = caplenWithoutFcs(caplen, len, fcsLen);
          len = lenWithoutFcs(len, fcsLen);
        }
        const start = pos + PACKET.DATA;
        out.add(++state.packetCount, scale.sec + iface.tsOffsetSec, scale.nsec, iface.linkType, caplen, len, buf, start, iface.globalId, base + pos);
      } else if (type === BLOCK_TYPE.SPB) {
        if (!this.readSimplePacket(buf, view, pos, total, base, out)) return pos;
      } else if (type === BLOCK_TYPE.IDB) {
        if (!this.readInterface(view, pos, total, base)) return pos;
      } else if (type === BLOCK_TYPE.ISB) {
        if (!this.readStatistics(view, pos, total, base)) return pos;
      }
      // NRB, DSB (secrets: never looked at), custom and unknown blocks are skipped whole.
      pos += total;
    }
  }

  finish(offset: number, have: number): void {
    if (this.section < 0) {
      this.state.fail('truncated-header', offset,
        `the pcapng section header block is cut short: only ${have} bytes were read`);
    } else if (have > 0) {
      this.state.fail('truncated-record', offset,
        `the block at byte ${offset} is cut short: it needs ${this.need} bytes but only ${have} were read`);
    }
  }

  /** Returns the SHB's length when read, 0 when more bytes are needed, -1 on error. */
  private readSectionHeader(view: DataView, pos: number, avail: number, base: number): number {
    if (avail < SHB_HEADER_LENGTH) {
      this.need = SHB_HEADER_LENGTH;
      return 0;
    }
    const magic = view.getUint32(pos + 8, false);
    if (magic !== BYTE_ORDER_MAGIC && magic !== BYTE_ORDER_MAGIC_SWAPPED) {
      this.fail('bad-byte-order-magic', base + pos + 8, pos,
        `section header at byte ${base + pos} has byte-order magic 0x${hex32(magic)}, expected 0x1a2b3c4d in either byte order`);
      return -1;
    }
    const le = magic === BYTE_ORDER_MAGIC_SWAPPED;
    const total = view.getUint32(pos + 4, le);
    if (total < MIN_LENGTH.SHB || (total & 3) !== 0) {
      this.fail('bad-block-length', base + pos + 4, pos,
        `section header at byte ${base + pos} has total length ${total}; it must be a multiple of 4 and at least ${MIN_LENGTH.SHB}`);
      return -1;
    }
    if (total > this.maxBlockLength) {
      this.fail('block-too-large', base + pos + 4, pos,
        `section header at byte ${base + pos} has total length ${total}, more than the limit of ${this.maxBlockLength}`);
      return -1;
    }
    if (avail < total) {
      this.need = total;
      return 0;
    }
    const trailer = view.getUint32(pos + total - 4, le);
    if (trailer !== total) {
      this.fail('block-trailer-mismatch', base + pos + total - 4, pos,
        `section header at byte ${base + pos} has total length ${total} in its header but ${trailer} in its trailer`);
      return -1;
    }
    const major = view.getUint16(pos + 12, le);
    const minor = view.getUint16(pos + 14, le);
    if (major !== 1) {
      this.fail('unsupported-version', base + pos + 12, pos,
        `unsupported pcapng version ${major}.${minor} in the section header at byte ${base + pos} (only 1.x is valid)`);
      return -1;
    }
    if (minor !== 0 && minor !== 2) {
      this.state.warnOnce('pcapng-minor-version', base + pos + 14, `pcapng version 1.${minor} is read as 1.0`);
    }
    this.le = le;
    this.section++;
    this.ifaces = [];
    return total;
  }

  private readInterface(view: DataView, pos: number, total: number, base: number): boolean {
    const state = this.state, le = this.le;
    if (total < MIN_LENGTH.IDB) {
      this.fail('bad-block-length', base + pos + 4, pos,
        `interface description block at byte ${base + pos} has total length ${total}, less than the minimum of ${MIN_LENGTH.IDB}`);
      return false;
    }
    const linkType = view.getUint16(pos + 8, le);
    const snapLen = view.getUint32(pos + 12, le);
    let name: string | undefined;
    let description: string | undefined;
    let tsresol = DEFAULT_TSRESOL;
    let fcsLen = 0;
    let tsOffsetSec = 0;
    const badLength = (what: string, at: number) =>
      state.warn('option-bad-length', base + at, `${what} option of the interface block at byte ${base + pos} has the wrong length; ignored`);
    const overrun = walkOptions(view, pos + 16, pos + total - 4, le, (code, at, length) => {
      switch (code) {
        case IDB_OPTION.NAME: name = optionString(view, at, length); break;
        case IDB_OPTION.DESCRIPTION: description = optionString(view, at, length); break;
        case IDB_OPTION.TSRESOL:
          if (length === 1) tsresol = view.getUint8(at);
          else badLength('if_tsresol', at);
          break;
        case IDB_OPTION.FCSLEN:
          if (length === 1) fcsLen = this.fcsLengthFromOption(view.getUint8(at), base + at);
          else badLength('if_fcslen', at);
          break;
        case IDB_OPTION.TSOFFSET:
          if (length === 8) tsOffsetSec = le
            ? signed64(view.getUint32(at + 4, true), view.getUint32(at, true))
            : signed64(view.getUint32(at, false), view.getUint32(at + 4, false));
          else badLength('if_tsoffset', at);
          break;
      }
    });
    if (overrun) this.warnOverrun('interface description', base + pos, base + overrun.overrunAt);
    const globalId = state.interfaces.length;
    const info: CaptureInterface = { id: globalId, section: this.section, linkType, snapLen, fcsLen };
    state.interfaces.push({
      ...info,
      ...(name !== undefined ? { name } : {}),
      ...(description !== undefined ? { description } : {}),
    });
    this.ifaces.push({ globalId, linkType, snapLen, fcsLen, scale: new TimestampScale(tsresol), tsOffsetSec });
    return true;
  }

  /** libpcap and Wireshark read if_fcslen as bytes; the draft says bits. 16 and 32 can only be bits. */
  private fcsLengthFromOption(value: number, offset: number): number {
    if (value <= 4) return value;
    if (value === 16 || value === 32) {
      this.state.warn('odd-fcs-length', offset, `if_fcslen ${value} read as bits (${value / 8} bytes)`);
      return value / 8;
    }
    this.state.warn('odd-fcs-length', offset, `if_fcslen ${value} is not a plausible FCS length; ignored`);
    return 0;
  }

  private readSimplePacket(buf: Uint8Array, view: DataView, pos: number, total: number, base: number, out: PacketSink): boolean {
    const state = this.state;
    if (total < MIN_LENGTH.SPB) {
      this.fail('bad-block-length', base + pos + 4, pos,
        `simple packet block at byte ${base + pos} has total length ${total}, less than the minimum of ${MIN_LENGTH.SPB}`);
      return false;
    }
    const iface = this.ifaces[0];
    if (iface === undefined) {
      this.failUnknownInterface(0, base, pos);
      return false;
    }
    if (this.ifaces.length > 1) {
      state.warnOnce('spb-multiple-interfaces', base + pos, 'simple packet blocks in a section with several interfaces are attributed to interface 0');
    }
    let len = view.getUint32(pos + 8, this.le);
    const room = total - MIN_LENGTH.SPB;
    let caplen = Math.min(len, room, iface.snapLen === 0 ? room : iface.snapLen);
    if (caplen > this.maxCaplen) {
      this.fail('caplen-too-large', base + pos + 8, pos,
        `packet ${state.packetCount + 1} claims ${caplen} captured bytes, more than the limit of ${this.maxCaplen}`);
      return false;
    }
    if (iface.fcsLen !== 0) {
      caplen = caplenWithoutFcs(caplen, len, iface.fcsLen);
      len = lenWithoutFcs(len, iface.fcsLen);
    }
    out.add(++state.packetCount, 0, 0, iface.linkType, caplen, len, buf, pos + 12, iface.globalId, base + pos);
    return true;
  }

  private readStatistics(view: DataView, pos: number, total: number, base: number): boolean {
    const state = this.state, le = this.le;
    if (total < MIN_LENGTH.ISB) {
      this.fail('bad-block-length', base + pos + 4, pos,
        `interface statistics block at byte ${base + pos} has total length ${total}, less than the minimum of ${MIN_LENGTH.ISB}`);
      return false;
    }
    const localId = view.getUint32(pos + 8, le);
    const iface = this.ifaces[localId];
    if (localId >= this.ifaces.length || iface === undefined) {
      state.warn('isb-unknown-interface', base + pos + 8,
        `statistics block at byte ${base + pos} names interface ${localId}, which this section does not have; ignored`);
      return true;
    }
    const counters: { ifRecv?: bigint; ifDrop?: bigint; osDrop?: bigint } = {};
    const u64 = (at: number) => le
      ? unsigned64(view.getUint32(at + 4, true), view.getUint32(at, true))
      : unsigned64(view.getUint32(at, false), view.getUint32(at + 4, false));
    const overrun = walkOptions(view, pos + 20, pos + total - 4, le, (code, at, length) => {
      if (length !== 8) return;
      if (code === ISB_OPTION.IFRECV) counters.ifRecv = u64(at);
      else if (code === ISB_OPTION.IFDROP) counters.ifDrop = u64(at);
      else if (code === ISB_OPTION.OSDROP) counters.osDrop = u64(at);
    });
    if (overrun) this.warnOverrun('interface statistics', base + pos, base + overrun.overrunAt);
    const entry: InterfaceStats = { interfaceId: iface.globalId, ...counters };
    state.setStats(entry);
    return true;
  }

  private warnOverrun(block: string, blockOffset: number, optionOffset: number): void {
    this.state.warn('option-overrun', optionOffset,
      `an option of the ${block} block at byte ${blockOffset} runs past the end of the block; the rest of its options are ignored`);
  }

  private failUnknownInterface(localId: number, base: number, pos: number): number {
    return this.fail('unknown-interface', base + pos + PACKET.INTERFACE, pos,
      `packet block at byte ${base + pos} names interface ${localId}, but section ${this.section} has only ${this.ifaces.length} interface description block(s)`);
  }

  /** Records the error and returns `pos` so callers can `return this.fail(…)`. */
  private fail(code: CaptureErrorCode, offset: number, pos: number, message: string): number {
    this.state.fail(code, offset, message);
    return pos;
  }
}

function hex32(n: number): string {
  return (n >>> 0).toString(16).padStart(8, '0');
}
