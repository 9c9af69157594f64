// One capture as a stream of sighting batches: raw packets are decoded and hashed while
// their chunk is alive (here, or in a decode worker), so later stages hold only owned records.

import { decodeFrame } from '../decode/frame.js';
import type { Frame } from '../decode/frame-types.js';
import type { CaptureReader } from '../io/read-capture.js';
import type { RawPacket } from '../io/raw-packet.js';
import { sightingOf } from '../correlate/packet-hash.js';
import { makeSighting, type Sighting } from '../correlate/sighting.js';
import { createCookedDestinations } from '../correlate/cooked-destination.js';
import type { LinkKind } from '../checks/check-api.js';
import type { Role } from '../report/report-types.js';
import type { TimedBatch } from './merge.js';
import { isDecodingReader } from './worker-reader.js';

export type CaptureInput = {
  readonly file: string;
  /** Host label: the file's base name, or NAME from --role NAME=FILE. */
  readonly name: string;
  readonly roleHint?: Role;
  readonly reader: CaptureReader;
  /** Set when the file (each file, for a rotated capture) holds several interfaces and this capture is one of them. */
  readonly interfaceLabel?: string;
};

export type CaptureCounters = {
  frames: number;
  /** Captured shorter than on the wire (any snap-length cut). */
  cut: number;
  /** Cut inside a header the decoder needed. */
  truncated: number;
  malformed: number;
  ethernet: number;
  cooked: number;
  bare: number;
  /** Link type of the first frame (the report shows it). */
  linkType: number;
  firstT: number | undefined;
  lastT: number | undefined;
};

export type CaptureSource = {
  readonly index: number;
  readonly input: CaptureInput;
  readonly counters: CaptureCounters;
  /** Next batch, decoded, or undefined at the end (read errors are in input.reader.error). */
  next(): Promise<Sighting[] | undefined>;
  /**
   * Next batch with each sighting made when taken, so decoded records die young instead of a
   * whole batch at once. Valid until the next call; exclusive with next() once reading started.
   */
  nextBatch(): Promise<TimedBatch | undefined>;
};

export function linkKindOf(c: CaptureCounters): LinkKind {
  const max = Math.max(c.ethernet, c.cooked, c.bare);
  if (max === 0) return 'unknown';
  return max === c.ethernet ? 'ethernet' : max === c.cooked ? 'cooked' : 'bare';
}

/** Capture time in seconds, as every later stage sees it. */
export function timeOf(raw: RawPacket): number {
  return raw.tsSec + raw.tsNsec / 1e9;
}

/** A batch of undecoded packets: PacketBatch, or a RawPacket list in the same clothes. */
type RawBatch = {
  readonly length: number;
  time(i: number): number;
  packet(i: number): RawPacket;
};

async function* packetLists(lists: AsyncGenerator<readonly RawPacket[], void, void>): AsyncGenerator<RawBatch, void, void> {
  for await (const list of lists) {
    if (list.length > 0) yield { length: list.length, time: (i) => timeOf(list[i]!), packet: (i) => list[i]! };
  }
}

function count(counters: CaptureCounters, frame: Frame, t: number): void {
  counters.frames++;
  if (frame.caplen < frame.len) counters.cut++;
  if (counters.linkType < 0) counters.linkType = frame.linkType;
  const issue = frame.issue;
  if (issue) {
    if (issue.cause === 'snaplen') counters.truncated++;
    else if (issue.cause === 'malformed') counters.malformed++;
  }
  const link = frame.link;
  if (link !== undefined) {
    const kind = link.kind;
    if (kind === 'ethernet') counters.ethernet++;
    else if (kind === 'none') counters.bare++;
    else counters.cooked++;
  }
  if (counters.firstT === undefined) counters.firstT = t;
  counters.lastT = t;
}

export function createCaptureSource(index: number, input: CaptureInput): CaptureSource {
  const counters: CaptureCounters = {
    frames: 0, cut: 0, truncated: 0, malformed: 0, ethernet: 0, cooked: 0, bare: 0, linkType: -1, firstT: undefined, lastT: undefined,
  };
  const reader = input.reader;
  const cooked = createCookedDestinations();
  let nextBatch: () => Promise<TimedBatch | undefined>;

  if (isDecodingReader(reader)) {
    // Decoded in a worker: only the objects are made here.
    const decoded = reader.decodedBatches();
    nextBatch = async () => {
      const r = await decoded.next();
      if (r.done) return undefined;
      const b = r.value;
      return {
        length: b.length,
        t: (i) => b.time(i),
        take: (i) => {
          const s = b.take(i, index);
          const frame = cooked.complete(s.frame);
          count(counters, frame, s.t);
          return frame === s.frame ? s : makeSighting(index, frame, s.t, s);
        },
      };
    };
  } else {
    // Typed-array batches where the reader has them: a batch holds no object per packet.
    const raws: AsyncGenerator<RawBatch, void, void> = reader.packetBatches ? reader.packetBatches() : packetLists(reader.batches());
    const sighting = (raw: RawPacket): Sighting => {
      const frame = cooked.complete(decodeFrame(raw, true));
      const t = timeOf(raw);
      count(counters, frame, t);
      return sightingOf(index, frame, t, raw.data);
    };
    nextBatch = async () => {
      const r = await raws.next();
      if (r.done) return undefined;
      const b = r.value;
      return { length: b.length, t: (i) => b.time(i), take: (i) => sighting(b.packet(i)) };
    };
  }

  return {
    index, input, counters, nextBatch,
    async next() {
      const b = await nextBatch();
      if (!b) return undefined;
      const out: Sighting[] = new Array(b.length);
      for (let i = 0; i < b.length; i++) out[i] = b.take(i);
      return out;
    },
  };
}
