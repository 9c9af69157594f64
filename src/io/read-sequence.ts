// One capture written as several files one after another (tcpdump -C/-G/-W, dumpcap's ring
// buffer, editcap -c): the files are read in turn, one open at a time, as one stream of
// packets. Frame numbers run on across the files, so every packet of the capture has its own;
// `parts` maps them back to each file's own numbering. A file that fails ends only itself:
// its packets before the problem are delivered and the next file is read.

import type { CaptureError } from './capture-error.js';
import type { CaptureWarning } from './capture-warning.js';
import type { PacketBatch } from './packet-batch.js';
import type { CaptureFormat, CaptureInterface, InterfaceStats, RawPacket } from './raw-packet.js';
import type { CaptureReader } from './read-capture.js';
import { MAX_WARNINGS } from './reader-state.js';

export type SequencePartInput = {
  readonly file: string;
  /** Opens the file's reader (for one interface of it, when the capture is one). */
  readonly open: () => CaptureReader;
};

/** A file of the sequence once read: where its frames sit in the sequence's numbering. */
export type SequencePart = {
  readonly file: string;
  /** The sequence's number for the file's frame 1. */
  readonly firstFrame: number;
  /** Frames read from the file. */
  readonly frames: number;
  readonly error?: CaptureError;
  /** Capture time of the file's first and last packet (seconds), when it has any. */
  readonly firstT?: number;
  readonly lastT?: number;
};

export type SequenceReader = CaptureReader & {
  packetBatches(): AsyncGenerator<PacketBatch, void, void>;
  /** The files read so far, in order (all of them once reading has ended). */
  readonly parts: readonly SequencePart[];
  /** The file being read (the last one once reading has ended). */
  readonly currentFile: string;
};

export function isSequenceReader(r: CaptureReader): r is SequenceReader {
  return Array.isArray((r as Partial<SequenceReader>).parts);
}

/** Where frame `frame` of a sequence comes from: its file and that file's own frame number. */
export function partOfFrame(parts: readonly SequencePart[], frame: number): { readonly file: string; readonly frame: number } | undefined {
  let lo = 0;
  let hi = parts.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const p = parts[mid]!;
    if (frame < p.firstFrame) hi = mid - 1;
    else if (frame >= p.firstFrame + p.frames) lo = mid + 1;
    else return { file: p.file, frame: frame - p.firstFrame + 1 };
  }
  return undefined;
}

type Timed = { readonly length: number; time(i: number): number };

export function readCaptureSequence(inputs: readonly SequencePartInput[]): SequenceReader {
  return new CaptureSequenceReader(inputs);
}

class CaptureSequenceReader implements SequenceReader {
  readonly parts: SequencePart[] = [];
  private readonly inputs: readonly SequencePartInput[];
  private current: CaptureReader | undefined;
  private done = { bytes: 0, packets: 0 };
  private readonly doneStats: InterfaceStats[] = [];
  private readonly doneWarnings: CaptureWarning[] = [];
  private first: CaptureReader | undefined;
  private anyCompressed = false;
  private started = false;

  constructor(inputs: readonly SequencePartInput[]) {
    this.inputs = inputs;
  }

  get format(): CaptureFormat | undefined { return (this.first ?? this.current)?.format; }
  get compressed(): boolean { return this.anyCompressed || (this.current?.compressed ?? false); }
  /** The first file's interfaces (the report's fallback link type); each file numbers its own. */
  get interfaces(): readonly CaptureInterface[] { return (this.first ?? this.current)?.interfaces ?? []; }
  get stats(): readonly InterfaceStats[] { return [...this.doneStats, ...(this.current?.stats ?? [])]; }
  get warnings(): readonly CaptureWarning[] { return [...this.doneWarnings, ...(this.current?.warnings ?? [])]; }
  /** The first file that failed; `parts` has every file's. */
  get error(): CaptureError | undefined { return this.parts.find((p) => p.error)?.error ?? this.current?.error; }
  get currentFile(): string { return this.inputs[Math.min(this.parts.length, this.inputs.length - 1)]!.file; }
  get bytesRead(): number { return this.done.bytes + (this.current?.bytesRead ?? 0); }
  get packetCount(): number { return this.done.packets + (this.current?.packetCount ?? 0); }

  async *batches(): AsyncGenerator<readonly RawPacket[], void, void> {
    for (const { reader, base } of this.files()) {
      const range = new TimeRange();
      for await (const list of reader.batches()) {
        range.see({ length: list.length, time: (i) => list[i]!.tsSec + list[i]!.tsNsec / 1e9 });
        yield base === 0 ? list : list.map((p) => ({ ...p, frame: p.frame + base }));
      }
      this.finish(reader, range);
    }
  }

  async *packetBatches(): AsyncGenerator<PacketBatch, void, void> {
    for (const { reader, base } of this.files()) {
      const range = new TimeRange();
      for await (const batch of reader.packetBatches!()) {
        range.see(batch);
        if (base > 0) batch.shiftFrames(base);
        yield batch;
      }
      this.finish(reader, range);
    }
  }

  /** Opens the files in turn; the caller reads each to its end before asking for the next. */
  private *files(): Generator<{ reader: CaptureReader; base: number }, void, void> {
    if (this.started) return;
    this.started = true;
    for (const input of this.inputs) {
      const reader = input.open();
      this.current = reader;
      this.first ??= reader;
      yield { reader, base: this.done.packets };
    }
  }

  private finish(reader: CaptureReader, range: TimeRange): void {
    const input = this.inputs[this.parts.length]!;
    this.parts.push({
      file: input.file, firstFrame: this.done.packets + 1, frames: reader.packetCount,
      ...(reader.error ? { error: reader.error } : {}),
      ...(range.first !== undefined ? { firstT: range.first, lastT: range.last } : {}),
    });
    this.done = { bytes: this.done.bytes + reader.bytesRead, packets: this.done.packets + reader.packetCount };
    this.doneStats.push(...reader.stats);
    // Bounded like a single reader's list: a long sequence of odd files cannot grow it.
    for (const w of reader.warnings) if (this.doneWarnings.length < MAX_WARNINGS) this.doneWarnings.push(w);
    this.anyCompressed ||= reader.compressed;
    this.current = undefined;
  }
}

/** The first and last packet time of a file, read once per batch. */
class TimeRange {
  first: number | undefined = undefined;
  last: number | undefined = undefined;

  see(batch: Timed): void {
    if (batch.length === 0) return;
    this.first ??= batch.time(0);
    this.last = batch.time(batch.length - 1);
  }
}
