// Where framers put the records they find. `RawPacketList` makes the RawPacket objects of
// `batches()`; `PacketBatch` keeps the same facts in typed arrays, so a batch of thousands
// of packets is a handful of objects for the garbage collector (the analysis makes each
// packet's RawPacket only when it decodes it, and lets it die young).

import { byteView } from './byte-view.js';
import type { RawPacket } from './raw-packet.js';

export interface PacketSink {
  add(
    frame: number, tsSec: number, tsNsec: number, linkType: number, caplen: number, len: number,
    buf: Uint8Array, start: number, interfaceId: number, fileOffset: number,
  ): void;
}

export class RawPacketList implements PacketSink {
  readonly packets: RawPacket[] = [];

  add(
    frame: number, tsSec: number, tsNsec: number, linkType: number, caplen: number, len: number,
    buf: Uint8Array, start: number, interfaceId: number, fileOffset: number,
  ): void {
    this.packets.push({ frame, tsSec, tsNsec, linkType, caplen, len, data: byteView(buf, start, caplen), interfaceId, fileOffset });
  }
}

/** Small: a peek at a file's first 64 KiB fills a few hundred; a batch of 1 MiB grows to its size once. */
const INITIAL_CAPACITY = 1024;

/**
 * A whole number read from a Float64Array, as an int32 when it fits: a double stored in a
 * record makes V8 box that field in every record of its shape (a heap number each), and the
 * decoded frames copy these values. Larger values stay doubles, unchanged.
 */
function small(x: number): number {
  return x === (x | 0) ? x | 0 : x;
}

export class PacketBatch implements PacketSink {
  length = 0;
  private capacity = 0;
  /** The buffer each packet's bytes are in (the input chunk, or a carry buffer). */
  private bufs: Uint8Array[] = [];
  private frames = new Float64Array(0);
  private tsSec = new Float64Array(0);
  private tsNsec = new Uint32Array(0);
  private linkTypes = new Int32Array(0);
  private caplens = new Uint32Array(0);
  private lens = new Uint32Array(0);
  private starts = new Uint32Array(0);
  private interfaceIds = new Uint32Array(0);
  private fileOffsets = new Float64Array(0);

  add(
    frame: number, tsSec: number, tsNsec: number, linkType: number, caplen: number, len: number,
    buf: Uint8Array, start: number, interfaceId: number, fileOffset: number,
  ): void {
    const i = this.length;
    if (i === this.capacity) this.grow();
    this.frames[i] = frame;
    this.tsSec[i] = tsSec;
    this.tsNsec[i] = tsNsec;
    this.linkTypes[i] = linkType;
    this.caplens[i] = caplen;
    this.lens[i] = len;
    this.bufs.push(buf);
    this.starts[i] = start;
    this.interfaceIds[i] = interfaceId;
    this.fileOffsets[i] = fileOffset;
    this.length = i + 1;
  }

  /** Empties the batch for reuse; its arrays stay allocated. */
  reset(): void {
    this.length = 0;
    this.bufs.length = 0;
  }

  /** Adds `base` to every frame number: a file read as part of a longer capture (read-sequence.ts). */
  shiftFrames(base: number): void {
    for (let i = 0; i < this.length; i++) this.frames[i] = this.frames[i]! + base;
  }

  /** Capture time of packet i in seconds, computed as from its RawPacket. */
  time(i: number): number {
    return this.tsSec[i]! + this.tsNsec[i]! / 1e9;
  }

  /** The global interface id of packet i. */
  interfaceIdOf(i: number): number {
    return this.interfaceIds[i]!;
  }

  /** Packet i as a RawPacket (a fresh object viewing the batch's bytes). */
  packet(i: number): RawPacket {
    const caplen = this.caplens[i]!;
    return {
      frame: small(this.frames[i]!),
      tsSec: small(this.tsSec[i]!),
      tsNsec: this.tsNsec[i]!,
      linkType: this.linkTypes[i]!,
      caplen,
      len: this.lens[i]!,
      data: byteView(this.bufs[i]!, this.starts[i]!, caplen),
      interfaceId: this.interfaceIds[i]!,
      fileOffset: small(this.fileOffsets[i]!),
    };
  }

  private grow(): void {
    const n = Math.max(INITIAL_CAPACITY, this.capacity * 2);
    const grown = <T extends Float64Array | Uint32Array | Int32Array>(a: T, make: (n: number) => T): T => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.frames = grown(this.frames, (k) => new Float64Array(k));
    this.tsSec = grown(this.tsSec, (k) => new Float64Array(k));
    this.tsNsec = grown(this.tsNsec, (k) => new Uint32Array(k));
    this.linkTypes = grown(this.linkTypes, (k) => new Int32Array(k));
    this.caplens = grown(this.caplens, (k) => new Uint32Array(k));
    this.lens = grown(this.lens, (k) => new Uint32Array(k));
    this.starts = grown(this.starts, (k) => new Uint32Array(k));
    this.interfaceIds = grown(this.interfaceIds, (k) => new Uint32Array(k));
    this.fileOffsets = grown(this.fileOffsets, (k) => new Float64Array(k));
    this.capacity = n;
  }
}
