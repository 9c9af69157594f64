// --write: the tap saves every batch before the analysis sees it, in a pcapng named after the
// source with the source's link type and nanosecond timestamps; sealing (on stop) ends both.

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openCaptureFile, readCaptureStream } from '../../src/io/open-capture.js';
import type { RawPacket } from '../../src/io/raw-packet.js';
import { pcapFileHeader, pcapRecord } from '../../src/live/pcap-stream.js';
import { createSourceWriter, fileNameFor } from '../../src/live/source-writer.js';
import { tapReader } from '../../src/live/tapped-reader.js';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const fixture = join(root, 'fixtures/healthy-wrr/rs1.pcap');

async function all(reader: { batches(): AsyncGenerator<readonly RawPacket[]> }): Promise<RawPacket[]> {
  const out: RawPacket[] = [];
  for await (const b of reader.batches()) out.push(...b);
  return out;
}

/** A live-like stream: the header, then one chunk per packet. */
function chunkedStream(linkType: number, packets: readonly Uint8Array[]): AsyncIterable<Uint8Array> {
  return (async function* stream() {
    yield pcapFileHeader(linkType, 65535);
    let i = 0;
    for (const p of packets) yield pcapRecord({ sec: 1_700_000_000, nsec: i++ }, p, p.length);
  })();
}

describe('the --write tap', () => {
  it('saves every packet as read, in a pcapng the readers read back the same', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lvsd-tap-'));
    const source = openCaptureFile(fixture);
    const writer = createSourceWriter(dir, 'rs1');
    let ended = 0;
    const tapped = tapReader(source, { onBatch: (b) => writer.write(b, source.interfaces), onEnd: () => { ended++; } });
    const seen = await all(tapped);
    await writer.close();
    expect(ended).toBe(1);
    expect(writer.failure).toBeUndefined();
    expect(writer.path).toBe(join(dir, 'rs1.pcapng'));

    const saved = openCaptureFile(writer.path);
    const back = await all(saved);
    expect(saved.error).toBeUndefined();
    expect(saved.format).toBe('pcapng');
    expect(saved.interfaces.map((i) => [i.name, i.linkType])).toEqual([['rs1', seen[0]!.linkType]]);
    expect(back.length).toBe(seen.length);
    expect(tapped.packets).toBe(seen.length);
    const original = await all(openCaptureFile(fixture));
    back.forEach((p, i) => {
      const o = original[i]!;
      expect([p.tsSec, p.tsNsec, p.len, [...p.data]]).toEqual([o.tsSec, o.tsNsec, o.len, [...o.data]]);
    });
    expect(readFileSync(writer.path).length).toBeGreaterThan(0);
  });

  it('stops saving and passing batches on once sealed, and reports no end after that', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lvsd-tap-'));
    const packets = [1, 2, 3, 4, 5].map((n) => new Uint8Array(60).fill(n));
    const source = readCaptureStream(chunkedStream(1, packets));
    const writer = createSourceWriter(dir, 'director');
    let ended = 0;
    const tapped = tapReader(source, { onBatch: (b) => writer.write(b, source.interfaces), onEnd: () => { ended++; } });
    const passed: RawPacket[] = [];
    for await (const batch of tapped.batches()) {
      passed.push(...batch);
      if (passed.length === 2) tapped.seal();
    }
    await writer.close();
    expect(passed.length).toBe(2);
    expect(ended).toBe(0);
    const back = await all(openCaptureFile(writer.path));
    expect(back.map((p) => p.data[0])).toEqual([1, 2]);
  });

  it('reports the end of a stream that breaks, with the reader error left for the report', async () => {
    const source = readCaptureStream((async function* garbage() { yield new TextEncoder().encode('this is not a capture\n'); })());
    let ended = 0;
    const tapped = tapReader(source, { onEnd: () => { ended++; } });
    expect(await all(tapped)).toEqual([]);
    expect(ended).toBe(1);
    expect(tapped.error?.code).toBe('bad-magic');
  });

  it('gives a second interface of the same stream its own name and link type', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lvsd-tap-'));
    const writer = createSourceWriter(dir, 'rs2');
    const packet = (interfaceId: number, linkType: number, fill: number): RawPacket => ({
      frame: 1, tsSec: 1, tsNsec: 2, linkType, caplen: 20, len: 20, data: new Uint8Array(20).fill(fill), interfaceId, fileOffset: 0,
    });
    await writer.write([packet(0, 1, 1), packet(3, 276, 2), packet(0, 1, 3)], []);
    await writer.close();
    const saved = openCaptureFile(writer.path);
    const back = await all(saved);
    expect(saved.interfaces.map((i) => [i.name, i.linkType])).toEqual([['rs2', 1], ['rs2-2', 276]]);
    expect(back.map((p) => [p.interfaceId, p.data[0]])).toEqual([[0, 1], [1, 2], [0, 3]]);
  });

  it('keeps file names to letters, digits, dots, dashes and underscores', () => {
    expect(fileNameFor('rs1')).toBe('rs1.pcapng');
    expect(fileNameFor('eth0.100')).toBe('eth0.100.pcapng');
    expect(fileNameFor('../x/y')).toBe('__x_y.pcapng');
  });
});
