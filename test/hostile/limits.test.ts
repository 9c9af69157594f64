// Length fields claiming gigabytes fail fast: at the record that claims them, with the byte
// offset, without buffering or pulling the rest of the input, and without allocating what was
// claimed. The caps are documented in docs/robustness.md.

import v8 from 'node:v8';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_BLOCK_LENGTH, DEFAULT_MAX_CAPLEN, readCapture, type CaptureReader } from '../../src/io/read-capture.js';
import { BLOCK, block, concatBytes, epb, idb, OPT, pcapBytes, pcapHeader, pcapngBytes, shb } from '../support/capture-bytes.js';
import { CAPTURE_ERROR_LINE, runCli, stderrLines } from './cli-run.js';

const FOUR_GB = 0xfffffff0;
const FAST_MS = 200;

function memoryNow(): number {
  const h = v8.getHeapStatistics();
  return h.used_heap_size + h.external_memory;
}

/** `head` once, then `fill` forever (or `limit` times), counting how many chunks were pulled. */
function endless(head: Uint8Array, fill: Uint8Array, limit = Infinity): { chunks: AsyncIterable<Uint8Array>; pulled: () => number } {
  let pulled = 0;
  return {
    pulled: () => pulled,
    chunks: (async function* () {
      pulled++;
      yield head;
      for (let i = 0; i < limit; i++) {
        pulled++;
        yield fill;
      }
    })(),
  };
}

async function drain(reader: CaptureReader): Promise<{ packets: number; ms: number; rise: number }> {
  const before = memoryNow();
  const started = performance.now();
  let packets = 0;
  for await (const batch of reader.batches()) packets += batch.length;
  return { packets, ms: performance.now() - started, rise: memoryNow() - before };
}

const frame = new Uint8Array(60).fill(0xab);

describe('a length field claiming 4 GB', () => {
  it('pcap caplen: caplen-too-large at the record, after the packets before it, without reading on', async () => {
    const head = pcapBytes({ records: [{ data: frame }, { data: frame, caplen: FOUR_GB }] });
    const src = endless(head, new Uint8Array(1 << 20));
    const reader = readCapture(src.chunks);
    const r = await drain(reader);
    expect(r.packets).toBe(1);
    expect(reader.error).toEqual({
      code: 'caplen-too-large', offset: 24 + 16 + 60,
      message: `record 2 claims ${FOUR_GB} captured bytes, more than the limit of ${DEFAULT_MAX_CAPLEN}`,
    });
    expect(src.pulled()).toBe(1);
    expect(r.ms).toBeLessThan(FAST_MS);
    expect(r.rise).toBeLessThan(8e6);
  });

  it('pcapng block total length: block-too-large, without reading on', async () => {
    const head = pcapngBytes({ order: 'le', blocks: [idb('le'), epb('le', { data: frame }), epb('le', { data: frame, totalLength: 0xfffffffc })] });
    const src = endless(head, new Uint8Array(1 << 20));
    const reader = readCapture(src.chunks);
    const r = await drain(reader);
    const at = head.length - (12 + 20 + 60);
    expect(r.packets).toBe(1);
    expect(reader.error?.code).toBe('block-too-large');
    expect(reader.error?.offset).toBe(at + 4);
    expect(reader.error?.message).toBe(`block at byte ${at} has total length ${0xfffffffc}, more than the limit of ${DEFAULT_MAX_BLOCK_LENGTH}`);
    expect(src.pulled()).toBe(1);
    expect(r.ms).toBeLessThan(FAST_MS);
  });

  it('pcapng section header length (either byte order): block-too-large', async () => {
    for (const order of ['le', 'be'] as const) {
      const reader = readCapture(endless(shb(order, { totalLength: 0xfffffffc }), new Uint8Array(4096)).chunks);
      await drain(reader);
      expect(reader.error).toMatchObject({ code: 'block-too-large', offset: 4 });
    }
  });

  it('EPB caplen larger than its block: bad-block-length, not a read past the block', async () => {
    const head = pcapngBytes({ order: 'be', blocks: [idb('be'), epb('be', { data: frame, caplen: FOUR_GB })] });
    const reader = readCapture(endless(head, new Uint8Array(4096), 3).chunks);
    const r = await drain(reader);
    expect(r.packets).toBe(0);
    expect(reader.error?.code).toBe('bad-block-length');
    expect(reader.error?.message).toContain(`claims ${FOUR_GB} captured bytes`);
  });

  it('an option length past its block is ignored with a warning; the packets are still read', async () => {
    const bytes = pcapngBytes({ order: 'le', blocks: [idb('le', { options: [{ code: OPT.IF_NAME, value: 'eth0', length: 0xffff }] }), epb('le', { data: frame })] });
    const reader = readCapture(endless(bytes, new Uint8Array(0), 0).chunks);
    const r = await drain(reader);
    expect(reader.error).toBeUndefined();
    expect(r.packets).toBe(1);
    expect(reader.warnings.map((w) => w.code)).toContain('option-overrun');
  });

  it('inside gzip: fails at the record without decompressing the rest', async () => {
    const bomb = gzipSync(concatBytes(pcapHeader(), pcapBytes({ records: [{ data: frame, caplen: FOUR_GB }] }).subarray(24), new Uint8Array(64 << 20)));
    expect(bomb.length).toBeLessThan(1 << 20);
    const reader = readCapture((async function* () { yield new Uint8Array(bomb); })());
    const r = await drain(reader);
    expect(reader.compressed).toBe(true);
    expect(reader.error).toMatchObject({ code: 'caplen-too-large', offset: 24 });
    expect(r.ms).toBeLessThan(2_000);
    expect(r.rise).toBeLessThan(64e6);
  });
});

describe('a record that claims less than the cap but never arrives', () => {
  it('costs memory for the bytes that came, not for the length claimed', async () => {
    // A 16 MiB - 4 block (just under the cap) of which 1 MiB arrives in 64 KiB chunks.
    const claimed = DEFAULT_MAX_BLOCK_LENGTH - 4;
    const head = concatBytes(shb('le'), idb('le'), block('le', BLOCK.EPB, new Uint8Array(64), { totalLength: claimed }).subarray(0, 76));
    const src = endless(head, new Uint8Array(64 * 1024), 16);
    const reader = readCapture(src.chunks);
    const r = await drain(reader);
    expect(reader.error?.code).toBe('truncated-record');
    expect(reader.error?.message).toMatch(/^the block at byte \d+ is cut short: it needs 16777212 bytes but only \d+ were read$/);
    expect(r.rise).toBeLessThan(8e6);
  });
});

describe('the CLI on a capture claiming a 4 GB packet', () => {
  it('exits 2 at once with one line naming the file, the byte offset and the limit', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lvsd-limits-'));
    const file = path.join(dir, 'huge.pcap');
    writeFileSync(file, concatBytes(pcapBytes({ records: [{ data: frame }, { data: frame, caplen: FOUR_GB }] }), new Uint8Array(1 << 20)));
    for (const argv of [['decode', file], ['analyze', '--format', 'json', file]]) {
      const o = await runCli(argv);
      expect(o.code).toBe(2);
      expect(stderrLines(o)).toEqual([`lvs-doctor: ${file}: byte 100: record 2 claims ${FOUR_GB} captured bytes, more than the limit of ${DEFAULT_MAX_CAPLEN}`]);
      expect(CAPTURE_ERROR_LINE.test(stderrLines(o)[0]!)).toBe(true);
      expect(o.ms).toBeLessThan(2_000);
    }
  });
});
