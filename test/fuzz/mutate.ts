// Structure-aware mutations of a seed capture: bit flips, overwrites with interesting values,
// truncation (anywhere and at record boundaries), length-field inflation (record, block,
// option, packet and header lengths), link-type and timestamp changes, record drop/duplicate
// and block splicing between seeds. Each input records the steps applied, for crash reports.

import type { CaptureLayout, Field, FieldKind } from './capture-layout.js';
import type { Prng } from './prng.js';

export type Seed = {
  /** Where the seed came from, e.g. "fixtures/healthy-wrr/rs1.pcap" or "corpus/tcpdump/…". */
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly layout: CaptureLayout;
  /** Captures of one scenario share a group; the pipeline fuzzer analyzes them together. */
  readonly group?: string;
};

export type Mutated = { readonly bytes: Uint8Array; readonly steps: readonly string[] };

const MIB16 = 16 * 1024 * 1024;
const INTERESTING_8 = [0, 1, 0x7f, 0x80, 0xfe, 0xff];
const INTERESTING_16 = [0, 1, 2, 3, 4, 0x7fff, 0x8000, 0xfffc, 0xffff];
const INTERESTING_32 = [
  0, 1, 2, 3, 4, 8, 11, 12, 13, 27, 28, 31, 32, 0x7fffffff, 0x80000000, 0xfffffff0, 0xfffffffc, 0xffffffff,
  262_143, 262_144, 262_145, MIB16 - 4, MIB16, MIB16 + 4,
];
/** Supported link types, a few others, and values that only differ in the high bits. */
const LINK_TYPES = [0, 1, 12, 14, 101, 108, 113, 228, 229, 276, 105, 127, 9, 50, 147, 0xffff, 0x10001, 0x04000001, 0xf4000001];
const TSRESOL = [0, 1, 3, 4, 5, 6, 9, 10, 12, 19, 63, 127, 0x80, 0x83, 0x8a, 0xa0, 0xbf, 0xff];

type Op = 'field' | 'bitflip' | 'byte' | 'word' | 'linktype' | 'truncate' | 'truncate-boundary' | 'splice' | 'drop-record' | 'duplicate-record' | 'insert-bytes';
const OPS: readonly Op[] = ['field', 'bitflip', 'byte', 'word', 'linktype', 'truncate', 'truncate-boundary', 'splice', 'drop-record', 'duplicate-record', 'insert-bytes'];
const WEIGHTS = [34, 12, 10, 10, 5, 7, 8, 6, 3, 3, 2];
/** Ops that keep every byte where it was, so the seed's layout still applies after them. */
const IN_PLACE: ReadonlySet<Op> = new Set(['field', 'bitflip', 'byte', 'word', 'linktype']);

export function mutate(rng: Prng, seed: Seed, donors: readonly Seed[], maxSteps = 6): Mutated {
  const count = rng.chance(0.5) ? 1 : rng.chance(0.5) ? 2 : rng.range(3, maxSteps);
  const ops: Op[] = [];
  for (let i = 0; i < count; i++) ops.push(OPS[rng.weighted(WEIGHTS)]!);
  // In-place edits first, while the seed's map of fields is still accurate.
  ops.sort((a, b) => Number(!IN_PLACE.has(a)) - Number(!IN_PLACE.has(b)));
  const m = new Mutation(rng, seed, donors);
  for (const op of ops) m.apply(op);
  return { bytes: m.bytes, steps: m.steps };
}

class Mutation {
  bytes: Uint8Array;
  readonly steps: string[] = [];
  private shifted = false;
  private readonly rng: Prng;
  private readonly seed: Seed;
  private readonly donors: readonly Seed[];

  constructor(rng: Prng, seed: Seed, donors: readonly Seed[]) {
    this.rng = rng;
    this.seed = seed;
    this.donors = donors;
    this.bytes = seed.bytes.slice();
  }

  apply(op: Op): void {
    if (this.bytes.length === 0) return;
    switch (op) {
      case 'field': return this.inflateField();
      case 'bitflip': return this.bitflip();
      case 'byte': return this.overwriteByte();
      case 'word': return this.overwriteWord();
      case 'linktype': return this.linkType();
      case 'truncate': return this.truncate(this.rng.int(this.bytes.length));
      case 'truncate-boundary': return this.truncateAtBoundary();
      case 'splice': return this.splice();
      case 'drop-record': return this.dropOrDuplicate(false);
      case 'duplicate-record': return this.dropOrDuplicate(true);
      case 'insert-bytes': return this.insertBytes();
    }
  }

  private get layout(): CaptureLayout | undefined {
    return this.shifted ? undefined : this.seed.layout;
  }

  /** Chooses a field kind first, so rare blocks (IDB, options) are hit as often as packets. */
  private pickField(filter?: (k: FieldKind) => boolean): Field | undefined {
    const byKind = this.layout?.byKind;
    if (!byKind || byKind.size === 0) return undefined;
    const kinds = filter ? [...byKind.keys()].filter(filter) : [...byKind.keys()];
    if (kinds.length === 0) return undefined;
    return this.rng.pick(byKind.get(this.rng.pick(kinds))!);
  }

  private inflateField(): void {
    const f = this.pickField();
    if (!f) return this.overwriteWord();
    const value = this.valueFor(f);
    writeField(this.bytes, f, value);
    if (f.trailerAt !== undefined && this.rng.chance(0.5)) {
      writeField(this.bytes, { ...f, at: f.trailerAt }, value);
      this.steps.push(`${f.kind}@${f.at}+trailer ${f.value}→${value >>> 0}`);
    } else {
      this.steps.push(`${f.kind}@${f.at} ${f.value}→${value >>> 0}`);
    }
  }

  private valueFor(f: Field): number {
    const rng = this.rng, v = f.value;
    if (f.kind === 'idb.tsresol') return rng.pick(TSRESOL);
    if (f.kind === 'pcap.linktype' || f.kind === 'idb.linktype') return rng.pick(LINK_TYPES);
    switch (f.width) {
      case 'lo4': case 'hi4': return rng.chance(0.5) ? rng.pick([0, 1, 4, 5, 15]) : rng.int(16);
      case 1: return rng.chance(0.7) ? rng.pick([...INTERESTING_8, v - 1, v + 1]) : rng.int(256);
      case 2: return rng.chance(0.8) ? rng.pick([...INTERESTING_16, v - 1, v + 1, v + 4, v * 2]) : rng.int(65536);
      case 4: return rng.chance(0.85) ? rng.pick([...INTERESTING_32, v - 1, v + 1, v + 4, v * 2, v + 65536]) : rng.u32();
    }
  }

  private position(): number {
    const fields = this.layout?.fields;
    // Half the time near a structural field: headers are where the parsing decisions are.
    if (fields && fields.length > 0 && this.rng.chance(0.5)) {
      const f = fields[this.rng.int(fields.length)]!;
      return clamp(f.at + this.rng.range(-4, 7), 0, this.bytes.length - 1);
    }
    return this.rng.int(this.bytes.length);
  }

  private bitflip(): void {
    const n = this.rng.range(1, 8);
    const at = this.position();
    for (let i = 0; i < n; i++) {
      const p = clamp(at + this.rng.range(-8, 8), 0, this.bytes.length - 1);
      this.bytes[p]! ^= 1 << this.rng.int(8);
    }
    this.steps.push(`bitflip×${n}@${at}`);
  }

  private overwriteByte(): void {
    const at = this.position();
    const value = this.rng.chance(0.7) ? this.rng.pick(INTERESTING_8) : this.rng.int(256);
    this.bytes[at] = value;
    this.steps.push(`byte@${at}=${value}`);
  }

  private overwriteWord(): void {
    const wide = this.rng.chance(0.6);
    const size = wide ? 4 : 2;
    if (this.bytes.length < size) return this.overwriteByte();
    const at = Math.min(this.position(), this.bytes.length - size);
    const value = wide ? this.rng.pick(INTERESTING_32) : this.rng.pick(INTERESTING_16);
    const le = this.rng.chance(0.5);
    writeField(this.bytes, { at, width: size, le }, value);
    this.steps.push(`u${size * 8}${le ? 'le' : 'be'}@${at}=${value >>> 0}`);
  }

  private linkType(): void {
    const f = this.pickField((k) => k === 'pcap.linktype' || k === 'idb.linktype');
    if (!f) return this.overwriteWord();
    const value = this.rng.chance(0.8) ? this.rng.pick(LINK_TYPES) : this.rng.u32();
    writeField(this.bytes, f, value);
    this.steps.push(`${f.kind}@${f.at}=${value >>> 0}`);
  }

  private truncate(at: number): void {
    this.bytes = this.bytes.slice(0, clamp(at, 0, this.bytes.length));
    this.shifted = true;
    this.steps.push(`truncate@${at}`);
  }

  private truncateAtBoundary(): void {
    const boundaries = this.layout?.boundaries;
    if (!boundaries || boundaries.length === 0) return this.truncate(this.rng.int(this.bytes.length));
    const at = this.rng.pick(boundaries) + this.rng.pick([-4, -1, 0, 0, 1, 2, 4, 8, 12, 16, 20, 24, 28]);
    this.truncate(at);
  }

  private recordSpans(): readonly { start: number; end: number; kind: string }[] {
    return (this.layout?.records ?? []).filter((r) => r.kind !== 'header');
  }

  private splice(): void {
    const container = this.seed.layout.container;
    const donors = this.donors.filter((d) => d.layout.container === container && d.layout.records.length > 1);
    if (donors.length === 0) return this.insertBytes();
    const donor = this.rng.pick(donors);
    const spans = donor.layout.records.filter((r) => r.kind !== 'header');
    if (spans.length === 0) return this.insertBytes();
    // Sometimes a run of blocks (an SHB with its IDBs and packets), usually one.
    const first = this.rng.int(spans.length);
    const last = this.rng.chance(0.25) ? Math.min(spans.length - 1, first + this.rng.range(1, 6)) : first;
    const piece = donor.bytes.subarray(spans[first]!.start, spans[last]!.end);
    const own = this.recordSpans();
    const replace = own.length > 0 && this.rng.chance(0.4);
    let at: number, removeEnd: number;
    if (replace) {
      const r = this.rng.pick(own);
      at = r.start;
      removeEnd = r.end;
    } else {
      const boundaries = this.layout?.boundaries;
      at = boundaries && boundaries.length > 0 ? this.rng.pick(boundaries) : this.rng.int(this.bytes.length + 1);
      removeEnd = at;
    }
    at = clamp(at, 0, this.bytes.length);
    removeEnd = clamp(removeEnd, at, this.bytes.length);
    this.bytes = concat(this.bytes.subarray(0, at), piece, this.bytes.subarray(removeEnd));
    this.shifted = true;
    this.steps.push(`splice ${donor.name}[${spans[first]!.start},${spans[last]!.end})${replace ? ' replacing' : ''}@${at}`);
  }

  private dropOrDuplicate(duplicate: boolean): void {
    const own = this.recordSpans();
    if (own.length === 0) return this.truncate(this.rng.int(this.bytes.length));
    const r = this.rng.pick(own);
    const piece = this.bytes.subarray(r.start, r.end);
    this.bytes = duplicate
      ? concat(this.bytes.subarray(0, r.end), piece, this.bytes.subarray(r.end))
      : concat(this.bytes.subarray(0, r.start), this.bytes.subarray(r.end));
    this.shifted = true;
    this.steps.push(`${duplicate ? 'duplicate' : 'drop'} ${r.kind}@${r.start}`);
  }

  private insertBytes(): void {
    const n = this.rng.range(1, 64);
    const junk = new Uint8Array(n);
    for (let i = 0; i < n; i++) junk[i] = this.rng.chance(0.5) ? this.rng.pick(INTERESTING_8) : this.rng.int(256);
    const at = this.rng.int(this.bytes.length + 1);
    this.bytes = concat(this.bytes.subarray(0, at), junk, this.bytes.subarray(at));
    this.shifted = true;
    this.steps.push(`insert ${n}@${at}`);
  }
}

export function writeField(b: Uint8Array, f: Pick<Field, 'at' | 'width' | 'le'>, value: number): void {
  const v = value >>> 0;
  if (f.at < 0) return;
  switch (f.width) {
    case 'lo4': if (f.at < b.length) b[f.at] = (b[f.at]! & 0xf0) | (v & 0x0f); return;
    case 'hi4': if (f.at < b.length) b[f.at] = (b[f.at]! & 0x0f) | ((v & 0x0f) << 4); return;
    case 1: if (f.at < b.length) b[f.at] = v & 0xff; return;
    case 2:
      if (f.at + 2 <= b.length) new DataView(b.buffer, b.byteOffset, b.byteLength).setUint16(f.at, v & 0xffff, f.le);
      return;
    case 4:
      if (f.at + 4 <= b.length) new DataView(b.buffer, b.byteOffset, b.byteLength).setUint32(f.at, v, f.le);
      return;
  }
}

function concat(...parts: readonly Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}
