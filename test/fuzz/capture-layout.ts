// A map of one seed capture: where its records start and end (for truncating at a record
// boundary, splicing and dropping records) and where its length, link-type and timestamp
// fields are (for structure-aware mutation). Computed once per seed; walks only as far as
// the bytes are consistent, so hostile corpus seeds just give shorter maps.

import { packetFields } from './packet-fields.js';

export type FieldKind =
  | 'pcap.caplen' | 'pcap.len' | 'pcap.snaplen' | 'pcap.linktype' | 'pcap.version' | 'pcap.ts'
  | 'block.length' | 'option.length' | 'epb.caplen' | 'epb.len' | 'spb.len' | 'epb.interface' | 'epb.ts'
  | 'idb.linktype' | 'idb.snaplen' | 'idb.tsresol' | 'idb.tsoffset' | 'shb.version'
  | 'ip4.ihl' | 'ip4.total-length' | 'tcp.data-offset' | 'ip6.payload-length' | 'ip6.ext-length';

export type Field = {
  readonly at: number;
  /** Bytes, or a nibble of one byte. */
  readonly width: 1 | 2 | 4 | 'lo4' | 'hi4';
  readonly le: boolean;
  readonly kind: FieldKind;
  readonly value: number;
  /** For a pcapng block length: where the trailing copy sits. */
  readonly trailerAt?: number;
};

export type RecordSpan = {
  readonly start: number;
  readonly end: number;
  /** 'header' (pcap file header), 'record' (pcap), or the pcapng block name. */
  readonly kind: string;
};

export type CaptureLayout = {
  readonly container: 'pcap' | 'pcapng' | 'other';
  readonly records: readonly RecordSpan[];
  readonly fields: readonly Field[];
  /** The same fields by kind, so a mutation can pick a kind first without scanning. */
  readonly byKind: ReadonlyMap<FieldKind, readonly Field[]>;
  /** Offsets where a record starts, plus the end of the last whole record. */
  readonly boundaries: readonly number[];
};

const PCAP_MAGICS: ReadonlyMap<number, { readonly kuznetsov: boolean }> = new Map([
  [0xa1b2c3d4, { kuznetsov: false }], [0xa1b23c4d, { kuznetsov: false }], [0xa1b2cd34, { kuznetsov: true }],
]);
const BLOCK_NAMES: Readonly<Record<number, string>> = { 0x0a0d0d0a: 'shb', 1: 'idb', 2: 'pb', 3: 'spb', 4: 'nrb', 5: 'isb', 6: 'epb' };
const MAX_FIELDS = 20_000;

export function layoutOf(bytes: Uint8Array): CaptureLayout {
  if (bytes.length >= 24) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (const le of [true, false]) {
      const magic = PCAP_MAGICS.get(view.getUint32(0, le));
      if (magic) return pcapLayout(bytes, view, le, magic.kuznetsov);
    }
    if (view.getUint32(0, false) === 0x0a0d0d0a) return pcapngLayout(bytes, view);
  }
  return { container: 'other', records: [], fields: [], byKind: new Map(), boundaries: [] };
}

function byKindOf(fields: readonly Field[]): Map<FieldKind, Field[]> {
  const map = new Map<FieldKind, Field[]>();
  for (const f of fields) {
    const list = map.get(f.kind);
    if (list) list.push(f);
    else map.set(f.kind, [f]);
  }
  return map;
}

function pcapLayout(b: Uint8Array, view: DataView, le: boolean, kuznetsov: boolean): CaptureLayout {
  const records: RecordSpan[] = [{ start: 0, end: 24, kind: 'header' }];
  const fields: Field[] = [
    { at: 4, width: 2, le, kind: 'pcap.version', value: view.getUint16(4, le) },
    { at: 16, width: 4, le, kind: 'pcap.snaplen', value: view.getUint32(16, le) },
    { at: 20, width: 4, le, kind: 'pcap.linktype', value: view.getUint32(20, le) },
  ];
  const linkType = view.getUint32(20, le) & 0xffff;
  const hl = kuznetsov ? 24 : 16;
  let pos = 24;
  while (pos + hl <= b.length && fields.length < MAX_FIELDS) {
    const caplen = view.getUint32(pos + 8, le);
    const end = pos + hl + caplen;
    if (end > b.length) break;
    fields.push(
      { at: pos, width: 4, le, kind: 'pcap.ts', value: view.getUint32(pos, le) },
      { at: pos + 8, width: 4, le, kind: 'pcap.caplen', value: caplen },
      { at: pos + 12, width: 4, le, kind: 'pcap.len', value: view.getUint32(pos + 12, le) },
    );
    packetFields(b, pos + hl, end, linkType, fields);
    records.push({ start: pos, end, kind: 'record' });
    pos = end;
  }
  return { container: 'pcap', records, fields, byKind: byKindOf(fields), boundaries: [...records.map((r) => r.start), pos] };
}

function pcapngLayout(b: Uint8Array, view: DataView): CaptureLayout {
  const records: RecordSpan[] = [];
  const fields: Field[] = [];
  let le = true;
  let linkTypes: number[] = [];
  let pos = 0;
  while (pos + 12 <= b.length && fields.length < MAX_FIELDS) {
    // The SHB type reads the same in both byte orders.
    const type = view.getUint32(pos, le);
    if (type === 0x0a0d0d0a) {
      const magic = view.getUint32(pos + 8, false);
      if (magic !== 0x1a2b3c4d && magic !== 0x4d3c2b1a) break;
      le = magic === 0x4d3c2b1a;
      linkTypes = [];
    }
    const total = view.getUint32(pos + 4, le);
    if (total < 12 || (total & 3) !== 0 || pos + total > b.length) break;
    const end = pos + total;
    fields.push({ at: pos + 4, width: 4, le, kind: 'block.length', value: total, trailerAt: end - 4 });
    blockFields(b, view, pos, end, type, le, linkTypes, fields);
    records.push({ start: pos, end, kind: BLOCK_NAMES[type] ?? 'other' });
    pos = end;
  }
  return { container: 'pcapng', records, fields, byKind: byKindOf(fields), boundaries: [...records.map((r) => r.start), pos] };
}

function blockFields(b: Uint8Array, view: DataView, pos: number, end: number, type: number, le: boolean, linkTypes: number[], out: Field[]): void {
  const u32 = (at: number, kind: FieldKind) => { if (at + 4 <= end) out.push({ at, width: 4, le, kind, value: view.getUint32(at, le) }); };
  switch (type) {
    case 0x0a0d0d0a:
      if (pos + 16 <= end) out.push({ at: pos + 12, width: 2, le, kind: 'shb.version', value: view.getUint16(pos + 12, le) });
      optionFields(view, pos + 24, end - 4, le, out);
      break;
    case 1:
      if (pos + 20 > end) return;
      linkTypes.push(view.getUint16(pos + 8, le));
      out.push({ at: pos + 8, width: 2, le, kind: 'idb.linktype', value: view.getUint16(pos + 8, le) });
      u32(pos + 12, 'idb.snaplen');
      optionFields(view, pos + 16, end - 4, le, out);
      break;
    case 2: case 6: {
      if (pos + 32 > end) return;
      const caplen = view.getUint32(pos + 20, le);
      if (type === 6) u32(pos + 8, 'epb.interface');
      u32(pos + 12, 'epb.ts');
      u32(pos + 16, 'epb.ts');
      u32(pos + 20, 'epb.caplen');
      u32(pos + 24, 'epb.len');
      const iface = type === 6 ? view.getUint32(pos + 8, le) : view.getUint16(pos + 8, le);
      const dataEnd = pos + 28 + caplen;
      if (dataEnd > end - 4) return;
      const linkType = linkTypes[iface];
      if (linkType !== undefined) packetFields(b, pos + 28, dataEnd, linkType, out);
      optionFields(view, pos + 28 + ((caplen + 3) & ~3), end - 4, le, out);
      break;
    }
    case 3:
      u32(pos + 8, 'spb.len');
      if (linkTypes[0] !== undefined) packetFields(b, pos + 12, end - 4, linkTypes[0], out);
      break;
    case 5:
      u32(pos + 12, 'epb.ts');
      optionFields(view, pos + 20, end - 4, le, out);
      break;
  }
}

/** Option length fields, plus the values of if_tsresol and if_tsoffset (IDB option codes). */
function optionFields(view: DataView, start: number, end: number, le: boolean, out: Field[]): void {
  let pos = start;
  for (let n = 0; end - pos >= 4 && n < 64; n++) {
    const code = view.getUint16(pos, le);
    const length = view.getUint16(pos + 2, le);
    if (code === 0 || length > end - pos - 4) return;
    out.push({ at: pos + 2, width: 2, le, kind: 'option.length', value: length });
    if (code === 9 && length === 1) out.push({ at: pos + 4, width: 1, le, kind: 'idb.tsresol', value: view.getUint8(pos + 4) });
    if (code === 14 && length === 8) out.push({ at: pos + (le ? 8 : 4), width: 4, le, kind: 'idb.tsoffset', value: view.getUint32(pos + (le ? 8 : 4), le) });
    pos += 4 + ((length + 3) & ~3);
  }
}
