// A small streaming pcapng writer for evidence files and live capture: one section, one IDB
// per interface (if_name, if_tsresol = 9), EPBs with nanosecond timestamps and an optional
// comment. Blocks are written little-endian. Writes respect the destination's backpressure.

import type { Writable } from 'node:stream';

export type WriterInterface = {
  readonly name: string;
  readonly linkType: number;
  /** 0 means "no limit" (the default). */
  readonly snapLen?: number;
};

export type WriterPacket = {
  /** Id returned by addInterface, or the index in `interfaces` given at creation. */
  readonly interfaceId: number;
  readonly tsSec: number;
  readonly tsNsec: number;
  readonly data: Uint8Array;
  /** Length on the wire (default and minimum: data.length). */
  readonly len?: number;
  /** Written as opt_comment. */
  readonly comment?: string;
};

export type PcapngWriterOptions = {
  readonly interfaces?: readonly WriterInterface[];
  /** Whether close() ends the destination (default true; pass false for stdout). */
  readonly end?: boolean;
};

export interface PcapngWriter {
  /** Writes an IDB and returns the new interface's id. */
  addInterface(iface: WriterInterface): Promise<number>;
  writePacket(packet: WriterPacket): Promise<void>;
  /** Flushes everything written so far, then ends the destination unless told not to. */
  close(): Promise<void>;
}

export const WRITER_APPLICATION = 'lvs-doctor';

const BLOCK = { SHB: 0x0a0d0d0a, IDB: 1, EPB: 6 } as const;
const OPT = { END: 0, COMMENT: 1, SHB_USERAPPL: 4, IF_NAME: 2, IF_TSRESOL: 9 } as const;
const TSRESOL_NANOSECONDS = 9;
const MAX_OPTION_VALUE = 0xffff;
const TWO_16 = 65536;

export function createPcapngWriter(out: Writable, options: PcapngWriterOptions = {}): PcapngWriter {
  return new StreamPcapngWriter(out, options);
}

class StreamPcapngWriter implements PcapngWriter {
  private readonly out: Writable;
  private readonly endOnClose: boolean;
  private interfaceCount = 0;
  private failure: Error | undefined;
  private closed = false;

  constructor(out: Writable, options: PcapngWriterOptions) {
    this.out = out;
    this.endOnClose = options.end ?? true;
    // Keep a destination error from becoming an unhandled 'error' event; report it on the next call.
    out.on('error', (err: Error) => { this.failure ??= err; });
    out.write(sectionHeader());
    for (const iface of options.interfaces ?? []) {
      out.write(interfaceDescription(iface));
      this.interfaceCount++;
    }
  }

  async addInterface(iface: WriterInterface): Promise<number> {
    this.checkUsable();
    const id = this.interfaceCount++;
    await this.write(interfaceDescription(iface));
    return id;
  }

  async writePacket(packet: WriterPacket): Promise<void> {
    this.checkUsable();
    if (!Number.isInteger(packet.interfaceId) || packet.interfaceId < 0 || packet.interfaceId >= this.interfaceCount) {
      throw new RangeError(`interface ${packet.interfaceId} has not been added (${this.interfaceCount} interfaces)`);
    }
    await this.write(enhancedPacket(packet));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const out = this.out;
    if (this.failure) throw this.failure;
    if (this.endOnClose) {
      await new Promise<void>((resolve, reject) => {
        out.end((err?: Error | null) => (err ? reject(err) : resolve()));
      });
    } else if (out.writableNeedDrain) {
      await waitForDrain(out);
    }
    if (this.failure) throw this.failure;
  }

  private checkUsable(): void {
    if (this.failure) throw this.failure;
    if (this.closed) throw new Error('the pcapng writer is closed');
  }

  private async write(block: Uint8Array): Promise<void> {
    if (!this.out.write(block)) await waitForDrain(this.out);
    if (this.failure) throw this.failure;
  }
}

function waitForDrain(out: Writable): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const done = (err?: Error) => {
      out.off('drain', onDrain);
      out.off('error', onError);
      out.off('close', onClose);
      if (err) reject(err);
      else resolve();
    };
    const onDrain = () => done();
    const onError = (err: Error) => done(err);
    const onClose = () => done(new Error('the destination closed before it drained'));
    out.on('drain', onDrain);
    out.on('error', onError);
    out.on('close', onClose);
  });
}

type OptionBytes = { readonly code: number; readonly value: Uint8Array };

const utf8 = new TextEncoder();

function optionsLength(opts: readonly OptionBytes[]): number {
  if (opts.length === 0) return 0;
  return opts.reduce((n, o) => n + 4 + pad4(o.value.length), 4);
}

/** Writes options (with opt_endofopt) at `at` and returns the offset after them. */
function writeOptions(view: DataView, at: number, opts: readonly OptionBytes[]): number {
  if (opts.length === 0) return at;
  const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  for (const o of opts) {
    view.setUint16(at, o.code, true);
    view.setUint16(at + 2, o.value.length, true);
    bytes.set(o.value, at + 4);
    at += 4 + pad4(o.value.length);
  }
  view.setUint32(at, OPT.END, true);
  return at + 4;
}

/** Allocates a zeroed block of `bodyLength` (padded) plus framing, with type and both lengths set. */
function newBlock(type: number, bodyLength: number): { bytes: Uint8Array; view: DataView } {
  const total = 12 + pad4(bodyLength);
  const bytes = new Uint8Array(total);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, type, true);
  view.setUint32(4, total, true);
  view.setUint32(total - 4, total, true);
  return { bytes, view };
}

function sectionHeader(): Uint8Array {
  const opts = [{ code: OPT.SHB_USERAPPL, value: utf8.encode(WRITER_APPLICATION) }];
  const { bytes, view } = newBlock(BLOCK.SHB, 16 + optionsLength(opts));
  view.setUint32(8, 0x1a2b3c4d, true);
  view.setUint16(12, 1, true);
  view.setUint16(14, 0, true);
  view.setInt32(16, -1, true); // section length unknown (-1 as i64)
  view.setInt32(20, -1, true);
  writeOptions(view, 24, opts);
  return bytes;
}

function interfaceDescription(iface: WriterInterface): Uint8Array {
  const opts = [
    { code: OPT.IF_NAME, value: optionText(iface.name) },
    { code: OPT.IF_TSRESOL, value: Uint8Array.of(TSRESOL_NANOSECONDS) },
  ];
  const { bytes, view } = newBlock(BLOCK.IDB, 8 + optionsLength(opts));
  view.setUint16(8, iface.linkType & 0xffff, true);
  view.setUint32(12, iface.snapLen ?? 0, true);
  writeOptions(view, 16, opts);
  return bytes;
}

function enhancedPacket(p: WriterPacket): Uint8Array {
  const caplen = p.data.length;
  const opts = p.comment !== undefined ? [{ code: OPT.COMMENT, value: optionText(p.comment) }] : [];
  const { bytes, view } = newBlock(BLOCK.EPB, 20 + pad4(caplen) + optionsLength(opts));
  view.setUint32(8, p.interfaceId, true);
  writeNanosecondTimestamp(view, 12, p.tsSec, p.tsNsec);
  view.setUint32(20, caplen, true);
  view.setUint32(24, Math.max(caplen, Math.min(p.len ?? caplen, 0xffffffff)), true);
  bytes.set(p.data, 28);
  writeOptions(view, 28 + pad4(caplen), opts);
  return bytes;
}

/**
 * Writes sec·10^9 + nsec as high and low 32-bit words without BigInt: the product is built
 * from 16-bit pieces that stay below 2^53. Times before the epoch are written as 0.
 */
function writeNanosecondTimestamp(view: DataView, at: number, tsSec: number, tsNsec: number): void {
  const before = tsSec < 0;
  const sec = before ? 0 : Math.floor(tsSec);
  const nsec = before ? 0 : Math.min(Math.max(Math.floor(tsNsec), 0), 999_999_999);
  let a = Math.floor(sec / TWO_16) * 1e9; // units = a·2^16 + b
  let b = (sec % TWO_16) * 1e9 + nsec;
  a += Math.floor(b / TWO_16);
  b %= TWO_16;
  view.setUint32(at, Math.floor(a / TWO_16) >>> 0, true);
  view.setUint32(at + 4, ((a % TWO_16) * TWO_16 + b) >>> 0, true);
}

function optionText(text: string): Uint8Array {
  const bytes = utf8.encode(text);
  if (bytes.length <= MAX_OPTION_VALUE) return bytes;
  // Cut at a character boundary: step back over UTF-8 continuation bytes.
  let end = MAX_OPTION_VALUE;
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end);
}

function pad4(n: number): number {
  return (n + 3) & ~3;
}
