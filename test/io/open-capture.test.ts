import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { openCaptureFile, readCaptureStream } from '../../src/io/open-capture.js';
import type { CaptureReader } from '../../src/io/read-capture.js';
import { payload, pcapBytes } from '../support/capture-bytes.js';

const dir = mkdtempSync(join(tmpdir(), 'lvs-doctor-io-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const capture = pcapBytes({ records: Array.from({ length: 3000 }, (_, i) => ({ data: payload(400 + (i % 50), i) })) });

async function drain(reader: CaptureReader): Promise<number> {
  let n = 0;
  for await (const batch of reader.batches()) n += batch.length;
  return n;
}

function failingSource(code: string, afterChunks: readonly Uint8Array[]): AsyncIterable<Uint8Array> {
  return {
    async *[Symbol.asyncIterator]() {
      yield* afterChunks;
      throw Object.assign(new Error(`${code}: failure, read '/secret/path'`), { code });
    },
  };
}

describe('openCaptureFile', () => {
  it('reads a file in 1 MiB chunks', async () => {
    const path = join(dir, 'ok.pcap');
    writeFileSync(path, capture);
    const reader = openCaptureFile(path);
    expect(await drain(reader)).toBe(3000);
    expect(reader.error).toBeUndefined();
    expect(reader.bytesRead).toBe(capture.length);
  });

  it('turns a missing file into read-failed without throwing', async () => {
    const reader = openCaptureFile(join(dir, 'missing.pcap'));
    expect(await drain(reader)).toBe(0);
    expect(reader.error).toEqual({ code: 'read-failed', offset: 0, message: 'could not read the capture: the file does not exist' });
  });

  it('turns a directory into read-failed', async () => {
    const reader = openCaptureFile(dir);
    await drain(reader);
    expect(reader.error).toMatchObject({ code: 'read-failed', message: expect.stringContaining('directory') });
  });

  it('does not open the file before batches() is called', async () => {
    openCaptureFile(join(dir, 'never-read.pcap'));
    await new Promise((resolve) => setTimeout(resolve, 20));
  });

  it('closes the file when the consumer stops early', async () => {
    const path = join(dir, 'early.pcap');
    writeFileSync(path, capture);
    const reader = openCaptureFile(path, {});
    for await (const batch of reader.batches()) {
      expect(batch.length).toBeGreaterThan(0);
      break;
    }
    expect(reader.error).toBeUndefined();
  });
});

describe('readCaptureStream', () => {
  it('reads a Node stream', async () => {
    const stream = Readable.from([capture.subarray(0, 1000), capture.subarray(1000)]);
    const reader = readCaptureStream(stream);
    expect(await drain(reader)).toBe(3000);
    expect(reader.error).toBeUndefined();
  });

  it.each([['EACCES', 'permission denied'], ['EIO', 'an I/O error occurred'], ['ESOMETHING', 'read error ESOMETHING']])(
    'turns %s mid-stream into read-failed at the offset reached, after the packets before it',
    async (code, reason) => {
      const first = capture.subarray(0, 5000);
      const reader = readCaptureStream(failingSource(code, [first]));
      const n = await drain(reader);
      expect(n).toBeGreaterThan(0);
      expect(reader.error).toEqual({ code: 'read-failed', offset: 5000, message: `could not read the capture after 5000 bytes: ${reason}` });
      expect(reader.error!.message).not.toContain('secret');
    },
  );

  it('rejects text chunks', async () => {
    const stream = new PassThrough();
    stream.setEncoding('latin1');
    stream.end(Buffer.from(capture));
    const reader = readCaptureStream(stream);
    await drain(reader);
    expect(reader.error).toMatchObject({ code: 'read-failed', message: expect.stringContaining('text') });
  });

  it('destroys a stream it stops reading because of bad input', async () => {
    const stream = new PassThrough();
    stream.write(Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8));
    const reader = readCaptureStream(stream);
    await drain(reader);
    expect(reader.error?.code).toBe('bad-magic');
    expect(stream.destroyed).toBe(true);
  });

  it.each([['plain', capture], ['gzip', gzipSync(capture)]])('stops early on an idle %s stream without hanging', async (_kind, bytes) => {
    // The stream never ends: only destroying it can release a pending read.
    const stream = new PassThrough();
    stream.write(bytes.subarray(0, Math.floor(bytes.length / 2)));
    const reader = readCaptureStream(stream);
    for await (const batch of reader.batches()) {
      expect(batch.length).toBeGreaterThan(0);
      break;
    }
    await new Promise((resolve) => setImmediate(resolve));
    expect(stream.destroyed).toBe(true);
  });

  it('is single use', async () => {
    const reader = readCaptureStream(Readable.from([capture]));
    expect(await drain(reader)).toBe(3000);
    expect(await drain(reader)).toBe(0);
    expect(reader.packetCount).toBe(3000);
  });
});
