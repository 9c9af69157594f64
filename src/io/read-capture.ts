// The capture reader: sniffs the container, then frames records chunk by chunk. Pulling the
// next chunk only when the consumer asks for the next batch is the backpressure. Bad input
// never throws: the packets before the problem are delivered, then `error` says what and where.

import type { CaptureError } from './capture-error.js';
import type { CaptureWarning } from './capture-warning.js';
import { ChunkCarry } from './chunk-carry.js';
import { frameChunk } from './frame-chunk.js';
import { gunzipChunks } from './gunzip.js';
import { PacketBatch, RawPacketList, type PacketSink } from './packet-batch.js';
import { PcapFramer } from './pcap-framer.js';
import { PcapngFramer } from './pcapng-framer.js';
import type { CaptureFormat, CaptureInterface, InterfaceStats, RawPacket } from './raw-packet.js';
import { captureErrorFromException } from './read-error.js';
import { ReaderState, type Framer } from './reader-state.js';
import { Ring } from './ring.js';
import { SNIFF_LENGTH, sniffMagic } from './sniff.js';

export type ReadOptions = {
  /** Largest accepted captured length per packet (libpcap's and Wireshark's limit by default). */
  readonly maxCaplen?: number;
  /** Largest accepted pcapng block (libpcap's initial limit by default). */
  readonly maxBlockLength?: number;
  /**
   * Which interfaces' packets to deliver, by global interface id (all when absent). Frame
   * numbers still count every packet of the file, so evidence names the file's own frames;
   * `stats` holds only these interfaces' counters.
   */
  readonly keepInterface?: (interfaceId: number) => boolean;
  /**
   * The batches packetBatches() fills in turn, shared by readers of files read one after
   * another (read-sequence.ts), so each file does not grow its own.
   */
  readonly batchRing?: Ring<PacketBatch>;
};

export const DEFAULT_MAX_CAPLEN = 262_144;
/** Batches packetBatches() fills in turn. */
export const BATCH_RING = 3;
export const DEFAULT_MAX_BLOCK_LENGTH = 16 * 1024 * 1024;

export interface CaptureReader {
  /** One batch per consumed input chunk (empty batches are skipped). Never throws for bad input. Single use. */
  batches(): AsyncGenerator<readonly RawPacket[], void, void>;
  /**
   * The same batches in typed arrays, for consumers that decode each packet once and drop it
   * (a RawPacket per packet is made on demand). The batch objects are reused: a batch is valid
   * until the next one is asked for. Single use, and exclusive with batches().
   * Optional: wrappers that only pass batches() on leave it out.
   */
  packetBatches?(): AsyncGenerator<PacketBatch, void, void>;
  /** Set once the container is recognised. */
  readonly format: CaptureFormat | undefined;
  /** True when the input was gzip-compressed; error and warning offsets then refer to the decompressed stream. */
  readonly compressed: boolean;
  /** Grows as interface descriptions are read; a classic pcap has exactly one. */
  readonly interfaces: readonly CaptureInterface[];
  /** pcapng ISB counters, the latest per interface (per delivered interface). */
  readonly stats: readonly InterfaceStats[];
  readonly warnings: readonly CaptureWarning[];
  /** Set when batches() ended early. */
  readonly error: CaptureError | undefined;
  /** Bytes taken from the input so far (compressed bytes for gzip input). */
  readonly bytesRead: number;
  readonly packetCount: number;
}

export function readCapture(chunks: AsyncIterable<Uint8Array>, options: ReadOptions = {}): CaptureReader {
  return new StreamCaptureReader(chunks, options);
}

class StreamCaptureReader implements CaptureReader {
  format: CaptureFormat | undefined = undefined;
  compressed = false;
  bytesRead = 0;
  private readonly state = new ReaderState();
  private readonly chunks: AsyncIterable<Uint8Array>;
  private readonly maxCaplen: number;
  private readonly maxBlockLength: number;
  private readonly keepInterface: ((interfaceId: number) => boolean) | undefined;
  private readonly batchRing: Ring<PacketBatch>;
  private started = false;

  constructor(chunks: AsyncIterable<Uint8Array>, options: ReadOptions) {
    this.chunks = chunks;
    this.maxCaplen = positiveOr(options.maxCaplen, DEFAULT_MAX_CAPLEN);
    this.maxBlockLength = positiveOr(options.maxBlockLength, DEFAULT_MAX_BLOCK_LENGTH);
    this.keepInterface = options.keepInterface;
    this.batchRing = options.batchRing ?? new Ring(BATCH_RING);
  }

  get interfaces(): readonly CaptureInterface[] { return this.state.interfaces; }
  get stats(): readonly InterfaceStats[] {
    const keep = this.keepInterface;
    return keep ? this.state.stats.filter((s) => keep(s.interfaceId)) : this.state.stats;
  }
  get warnings(): readonly CaptureWarning[] { return this.state.warnings; }
  get error(): CaptureError | undefined { return this.state.error; }
  get packetCount(): number { return this.state.packetCount; }

  async *batches(): AsyncGenerator<readonly RawPacket[], void, void> {
    for await (const list of this.sinks(() => new RawPacketList(), (l) => l.packets.length)) yield list.packets;
  }

  packetBatches(): AsyncGenerator<PacketBatch, void, void> {
    // The typed arrays of a batch are allocated once, not per chunk.
    const ring = this.batchRing;
    return this.sinks(() => {
      const batch = ring.next(() => new PacketBatch());
      batch.reset();
      return batch;
    }, (b) => b.length);
  }

  private async *sinks<S extends PacketSink>(make: () => S, size: (s: S) => number): AsyncGenerator<S, void, void> {
    if (this.started) return;
    this.started = true;
    let source: AsyncIterator<Uint8Array>;
    try {
      source = this.countBytes(this.chunks[Symbol.asyncIterator]());
    } catch (err) {
      this.state.error ??= captureErrorFromException(err, 0, false);
      return;
    }
    yield* this.readContainer(source, false, make, size);
  }

  private async *readContainer<S extends PacketSink>(
    source: AsyncIterator<Uint8Array>, gzip: boolean, make: () => S, size: (s: S) => number,
  ): AsyncGenerator<S, void, void> {
    const state = this.state;
    try {
      const prefix: Uint8Array[] = [];
      let have = 0;
      while (have < SNIFF_LENGTH) {
        const chunk = await this.pull(source, have, gzip);
        if (chunk === undefined) break;
        prefix.push(chunk);
        have += chunk.length;
      }
      if (state.error !== undefined) return;
      const inside = gzip ? ' inside the gzip stream' : '';
      if (have === 0) {
        state.fail('empty', 0, gzip ? 'the gzip stream decompresses to nothing' : 'the file is empty');
        return;
      }
      if (have < SNIFF_LENGTH) {
        state.fail('truncated-header', 0, `only ${have} byte(s)${inside}: too short to be a capture`);
        return;
      }
      const sniffed = sniffMagic(firstBytes(prefix, SNIFF_LENGTH));
      let framer: Framer;
      switch (sniffed.kind) {
        case 'gzip':
          if (gzip) {
            state.fail('unsupported-format', 0, 'the gzip stream contains another gzip stream; decompress it first');
            return;
          }
          this.compressed = true;
          yield* this.readContainer(gunzipChunks(prefix, source), true, make, size);
          return;
        case 'unknown':
          state.fail('bad-magic', 0, sniffed.message + inside);
          return;
        case 'pcap':
          this.format = sniffed.nanosecond ? 'pcap-ns' : 'pcap';
          framer = new PcapFramer(state, { ...sniffed, maxCaplen: this.maxCaplen });
          break;
        case 'pcapng':
          this.format = 'pcapng';
          framer = new PcapngFramer(state, { maxCaplen: this.maxCaplen, maxBlockLength: this.maxBlockLength });
          break;
      }
      const carry = new ChunkCarry();
      const filter = this.keepInterface ? new InterfaceFilter(this.keepInterface) : undefined;
      const sink = (out: S): PacketSink => (filter ? filter.into(out) : out);
      let offset = 0;
      for (const chunk of prefix) {
        const out = make();
        frameChunk(framer, state, carry, chunk, offset, sink(out));
        offset += chunk.length;
        if (size(out) > 0) yield out;
        if (state.error !== undefined) return;
      }
      for (;;) {
        const chunk = await this.pull(source, offset, gzip);
        if (chunk === undefined) break;
        const out = make();
        frameChunk(framer, state, carry, chunk, offset, sink(out));
        offset += chunk.length;
        if (size(out) > 0) yield out;
        if (state.error !== undefined) return;
      }
      if (state.error !== undefined) return;
      framer.finish(carry.isEmpty ? offset : carry.base, carry.length);
    } finally {
      closeQuietly(source);
    }
  }

  /** Next non-empty chunk as a plain Uint8Array view, or undefined at the end or on a read error. */
  private async pull(source: AsyncIterator<Uint8Array>, offset: number, gzip: boolean): Promise<Uint8Array | undefined> {
    for (;;) {
      let r: IteratorResult<Uint8Array>;
      try {
        r = await source.next();
      } catch (err) {
        this.state.error ??= captureErrorFromException(err, offset, gzip);
        return undefined;
      }
      if (r.done === true) return undefined;
      const chunk: unknown = r.value;
      if (!(chunk instanceof Uint8Array)) {
        this.state.fail('read-failed', offset, 'the input produced text or objects instead of bytes (was an encoding set on the stream?)');
        return undefined;
      }
      if (chunk.length === 0) continue;
      // A plain view: subarray on a Node Buffer goes through Buffer's slower species path.
      return chunk.constructor === Uint8Array ? chunk : new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    }
  }

  private countBytes(it: AsyncIterator<Uint8Array>): AsyncIterator<Uint8Array> {
    return {
      next: async () => {
        const r = await it.next();
        if (r.done !== true && r.value instanceof Uint8Array) this.bytesRead += r.value.length;
        return r;
      },
      return: async () => {
        await it.return?.();
        return { done: true, value: undefined };
      },
    };
  }
}

/** Passes on only the packets of the kept interfaces; one per reader, pointed at each batch. */
class InterfaceFilter implements PacketSink {
  private target: PacketSink | undefined;
  private readonly keep: (interfaceId: number) => boolean;

  constructor(keep: (interfaceId: number) => boolean) {
    this.keep = keep;
  }

  into(target: PacketSink): PacketSink {
    this.target = target;
    return this;
  }

  add(
    frame: number, tsSec: number, tsNsec: number, linkType: number, caplen: number, len: number,
    buf: Uint8Array, start: number, interfaceId: number, fileOffset: number,
  ): void {
    if (this.keep(interfaceId)) this.target!.add(frame, tsSec, tsNsec, linkType, caplen, len, buf, start, interfaceId, fileOffset);
  }
}

function firstBytes(chunks: readonly Uint8Array[], n: number): Uint8Array {
  const out = new Uint8Array(n);
  let filled = 0;
  for (const c of chunks) {
    const take = Math.min(n - filled, c.length);
    out.set(c.subarray(0, take), filled);
    filled += take;
    if (filled === n) break;
  }
  return out;
}

/**
 * Asks the source to close without waiting for it: an async generator that is still busy
 * (gzip reads ahead) only runs return() after its pending read, which on an idle pipe may
 * never come. Node streams passed through open-capture.ts are destroyed at once.
 */
function closeQuietly(it: AsyncIterator<Uint8Array>): void {
  try {
    it.return?.()?.catch(() => {});
  } catch {
    // Closing is best effort; the read result is already decided.
  }
}

function positiveOr(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isSafeInteger(value) && value > 0 ? value : fallback;
}
