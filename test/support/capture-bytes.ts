// Builds classic pcap and pcapng files as bytes for tests, including deliberately broken
// ones: every length, magic and trailer can be overridden.

export type ByteOrder = 'le' | 'be';

/** Accumulates fields in one byte order. */
export class ByteBuilder {
  private readonly parts: number[] = [];
  readonly order: ByteOrder;

  constructor(order: ByteOrder) {
    this.order = order;
  }

  get length(): number {
    return this.parts.length;
  }

  u8(v: number): this {
    this.parts.push(v & 0xff);
    return this;
  }

  u16(v: number): this {
    const b = [(v >>> 8) & 0xff, v & 0xff];
    this.parts.push(...(this.order === 'le' ? b.reverse() : b));
    return this;
  }

  u32(v: number): this {
    const b = [(v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];
    this.parts.push(...(this.order === 'le' ? b.reverse() : b));
    return this;
  }

  /** Signed or unsigned 64-bit value (two's complement). */
  u64(v: bigint): this {
    const u = BigInt.asUintN(64, v);
    const hi = Number(u >> 32n), lo = Number(u & 0xffffffffn);
    return this.order === 'le' ? this.u32(lo).u32(hi) : this.u32(hi).u32(lo);
  }

  bytes(b: Uint8Array): this {
    for (const x of b) this.parts.push(x);
    return this;
  }

  pad4(): this {
    while (this.parts.length % 4 !== 0) this.parts.push(0);
    return this;
  }

  build(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}

export function concatBytes(...parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Deterministic filler bytes, different per `seed`. */
export function payload(length: number, seed = 1): Uint8Array {
  const b = new Uint8Array(length);
  for (let i = 0; i < length; i++) b[i] = (seed * 31 + i * 7) & 0xff;
  return b;
}

// ---------------------------------------------------------------- classic pcap

export const PCAP_MAGIC = { US: 0xa1b2c3d4, NS: 0xa1b23c4d, KUZNETSOV: 0xa1b2cd34, NAVTEL: 0xa12b3c4d } as const;

export type PcapRecordSpec = {
  readonly tsSec?: number;
  /** Microseconds or nanoseconds, as the magic says. */
  readonly tsFrac?: number;
  readonly data: Uint8Array;
  /** Value written in the caplen field (default data.length). */
  readonly caplen?: number;
  /** Value written in the len field (default data.length). */
  readonly len?: number;
};

export type PcapFileSpec = {
  readonly order?: ByteOrder;
  readonly magic?: number;
  readonly major?: number;
  readonly minor?: number;
  readonly snapLen?: number;
  /** The whole link-type word, including FCS/reserved bits. */
  readonly linkTypeWord?: number;
  readonly records?: readonly PcapRecordSpec[];
  /** Write len before caplen, as pre-2.3 writers did. */
  readonly oldFieldOrder?: boolean;
  /** Extra bytes after the 16-byte record header (8 for Kuznetsov). */
  readonly recordHeaderExtra?: number;
};

export function pcapHeader(spec: PcapFileSpec = {}): Uint8Array {
  return new ByteBuilder(spec.order ?? 'le')
    .u32(spec.magic ?? PCAP_MAGIC.US)
    .u16(spec.major ?? 2).u16(spec.minor ?? 4)
    .u32(0).u32(0)
    .u32(spec.snapLen ?? 262144)
    .u32(spec.linkTypeWord ?? 1)
    .build();
}

export function pcapRecord(spec: PcapFileSpec, rec: PcapRecordSpec): Uint8Array {
  const b = new ByteBuilder(spec.order ?? 'le');
  const caplen = rec.caplen ?? rec.data.length;
  const len = rec.len ?? rec.data.length;
  b.u32(rec.tsSec ?? 1_700_000_000).u32(rec.tsFrac ?? 0);
  if (spec.oldFieldOrder === true) b.u32(len).u32(caplen);
  else b.u32(caplen).u32(len);
  for (let i = 0; i < (spec.recordHeaderExtra ?? 0); i++) b.u8(0xee);
  return b.bytes(rec.data).build();
}

export function pcapBytes(spec: PcapFileSpec = {}): Uint8Array {
  return concatBytes(pcapHeader(spec), ...(spec.records ?? []).map((r) => pcapRecord(spec, r)));
}

// ---------------------------------------------------------------- pcapng

export const BLOCK = {
  SHB: 0x0a0d0d0a, IDB: 1, PB: 2, SPB: 3, NRB: 4, ISB: 5, EPB: 6, DSB: 0x0a,
  CUSTOM: 0x00000bad, CUSTOM_NO_COPY: 0x40000bad,
} as const;

export const OPT = {
  END: 0, COMMENT: 1,
  SHB_USERAPPL: 4,
  IF_NAME: 2, IF_DESCRIPTION: 3, IF_TSRESOL: 9, IF_FCSLEN: 13, IF_TSOFFSET: 14,
  ISB_IFRECV: 4, ISB_IFDROP: 5, ISB_OSDROP: 7,
} as const;

/** number → u8, bigint → 64-bit in the block's byte order, string → UTF-8, bytes as given. */
export type OptionValue = number | bigint | string | Uint8Array;
export type OptionSpec = {
  readonly code: number;
  readonly value?: OptionValue;
  /** Value written in the option's length field (default: the value's real length). */
  readonly length?: number;
};

function optionValueBytes(order: ByteOrder, value: OptionValue | undefined): Uint8Array {
  if (value === undefined) return new Uint8Array(0);
  if (typeof value === 'number') return Uint8Array.of(value);
  if (typeof value === 'bigint') return new ByteBuilder(order).u64(value).build();
  if (typeof value === 'string') return new TextEncoder().encode(value);
  return value;
}

export function optionsBytes(order: ByteOrder, options: readonly OptionSpec[], endOfOptions = true): Uint8Array {
  const b = new ByteBuilder(order);
  for (const o of options) {
    const v = optionValueBytes(order, o.value);
    b.u16(o.code).u16(o.length ?? v.length).bytes(v).pad4();
  }
  if (endOfOptions && options.length > 0) b.u16(0).u16(0);
  return b.build();
}

export type BlockOverrides = {
  /** Value written in the leading total-length field. */
  readonly totalLength?: number;
  /** Value written in the trailing total-length field. */
  readonly trailer?: number;
};

/** Any block: `body` is padded to 4 bytes and framed with the total length twice. */
export function block(order: ByteOrder, type: number, body: Uint8Array, overrides: BlockOverrides = {}): Uint8Array {
  const padded = (body.length + 3) & ~3;
  const total = 12 + padded;
  const b = new ByteBuilder(order).u32(type).u32(overrides.totalLength ?? total).bytes(body);
  b.pad4();
  return b.u32(overrides.trailer ?? overrides.totalLength ?? total).build();
}

export type ShbSpec = BlockOverrides & {
  readonly major?: number;
  readonly minor?: number;
  readonly options?: readonly OptionSpec[];
  /** Raw 4 bytes written as the byte-order magic (default: the right one for `order`). */
  readonly byteOrderMagic?: Uint8Array;
};

export function shb(order: ByteOrder, spec: ShbSpec = {}): Uint8Array {
  const body = new ByteBuilder(order);
  if (spec.byteOrderMagic) body.bytes(spec.byteOrderMagic);
  else body.u32(0x1a2b3c4d);
  body.u16(spec.major ?? 1).u16(spec.minor ?? 0).u64(-1n).bytes(optionsBytes(order, spec.options ?? []));
  return block(order, BLOCK.SHB, body.build(), spec);
}

export type IdbSpec = BlockOverrides & {
  readonly linkType?: number;
  readonly snapLen?: number;
  readonly options?: readonly OptionSpec[];
};

export function idb(order: ByteOrder, spec: IdbSpec = {}): Uint8Array {
  const body = new ByteBuilder(order)
    .u16(spec.linkType ?? 1).u16(0).u32(spec.snapLen ?? 0)
    .bytes(optionsBytes(order, spec.options ?? []));
  return block(order, BLOCK.IDB, body.build(), spec);
}

export type PacketBlockSpec = BlockOverrides & {
  readonly interfaceId?: number;
  /** 64-bit timestamp in the interface's units. */
  readonly ts?: bigint;
  readonly data: Uint8Array;
  readonly caplen?: number;
  readonly len?: number;
  readonly options?: readonly OptionSpec[];
};

function packetBody(order: ByteOrder, spec: PacketBlockSpec, obsolete: boolean): Uint8Array {
  const b = new ByteBuilder(order);
  if (obsolete) b.u16(spec.interfaceId ?? 0).u16(0);
  else b.u32(spec.interfaceId ?? 0);
  const ts = BigInt.asUintN(64, spec.ts ?? 0n);
  b.u32(Number(ts >> 32n)).u32(Number(ts & 0xffffffffn));
  b.u32(spec.caplen ?? spec.data.length).u32(spec.len ?? spec.data.length).bytes(spec.data).pad4();
  return b.bytes(optionsBytes(order, spec.options ?? [])).build();
}

export function epb(order: ByteOrder, spec: PacketBlockSpec): Uint8Array {
  return block(order, BLOCK.EPB, packetBody(order, spec, false), spec);
}

/** The obsolete Packet Block (type 2): 16-bit interface id and drop count. */
export function pb(order: ByteOrder, spec: PacketBlockSpec): Uint8Array {
  return block(order, BLOCK.PB, packetBody(order, spec, true), spec);
}

export function spb(order: ByteOrder, spec: BlockOverrides & { readonly data: Uint8Array; readonly len?: number }): Uint8Array {
  const body = new ByteBuilder(order).u32(spec.len ?? spec.data.length).bytes(spec.data).build();
  return block(order, BLOCK.SPB, body, spec);
}

export type IsbSpec = BlockOverrides & {
  readonly interfaceId?: number;
  readonly ts?: bigint;
  readonly options?: readonly OptionSpec[];
};

export function isb(order: ByteOrder, spec: IsbSpec = {}): Uint8Array {
  const ts = BigInt.asUintN(64, spec.ts ?? 0n);
  const body = new ByteBuilder(order)
    .u32(spec.interfaceId ?? 0).u32(Number(ts >> 32n)).u32(Number(ts & 0xffffffffn))
    .bytes(optionsBytes(order, spec.options ?? []));
  return block(order, BLOCK.ISB, body.build(), spec);
}

/** A custom block: PEN plus opaque data. */
export function customBlock(order: ByteOrder, data: Uint8Array, copyable = true): Uint8Array {
  const body = new ByteBuilder(order).u32(32473).bytes(data).build();
  return block(order, copyable ? BLOCK.CUSTOM : BLOCK.CUSTOM_NO_COPY, body);
}

/** A pcapng file: one section per entry, each an SHB followed by the given blocks. */
export function pcapngBytes(...sections: readonly { readonly order: ByteOrder; readonly shb?: ShbSpec; readonly blocks: readonly Uint8Array[] }[]): Uint8Array {
  return concatBytes(...sections.flatMap((s) => [shb(s.order, s.shb), ...s.blocks]));
}
