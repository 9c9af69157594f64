import { execFile } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createPcapngWriter } from '../../src/io/pcapng-writer.js';
import { payload } from '../support/capture-bytes.js';
import { readAll } from './read-helpers.js';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'lvs-doctor-writer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A destination that keeps what it is given. */
function collector(): { out: PassThrough; bytes: () => Uint8Array } {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  return { out, bytes: () => new Uint8Array(Buffer.concat(chunks)) };
}

async function hasTshark(): Promise<boolean> {
  try {
    await run('tshark', ['--version']);
    return true;
  } catch {
    return false;
  }
}
const tsharkAvailable = await hasTshark();
if (!tsharkAvailable && process.env.CI === 'true') throw new Error('tshark is required under CI=true');

describe('pcapng writer', () => {
  it('writes interfaces and packets that the reader reads back exactly', async () => {
    const { out, bytes } = collector();
    const w = createPcapngWriter(out, { interfaces: [{ name: 'eth0', linkType: 1, snapLen: 262144 }] });
    const sll2 = await w.addInterface({ name: 'any', linkType: 276 });
    await w.writePacket({ interfaceId: 0, tsSec: 1_767_225_600, tsNsec: 123_456_789, data: payload(60), comment: 'client SYN' });
    await w.writePacket({ interfaceId: sll2, tsSec: 1_700_000_000, tsNsec: 1, data: payload(61, 2), len: 1514 });
    await w.writePacket({ interfaceId: 0, tsSec: 0, tsNsec: 0, data: new Uint8Array(0), comment: 'é'.repeat(40_000) });
    await w.close();
    const { reader, packets } = await readAll(bytes());
    expect(reader.error).toBeUndefined();
    expect(reader.warnings).toEqual([]);
    expect(reader.interfaces).toEqual([
      { id: 0, section: 0, linkType: 1, snapLen: 262144, fcsLen: 0, name: 'eth0' },
      { id: 1, section: 0, linkType: 276, snapLen: 0, fcsLen: 0, name: 'any' },
    ]);
    expect(packets.map((p) => [p.interfaceId, p.linkType, p.tsSec, p.tsNsec, p.caplen, p.len])).toEqual([
      [0, 1, 1_767_225_600, 123_456_789, 60, 60],
      [1, 276, 1_700_000_000, 1, 61, 1514],
      [0, 1, 0, 0, 0, 0],
    ]);
    expect(packets[1]!.data).toEqual(Array.from(payload(61, 2)));
  });

  it('writes nanosecond timestamps exactly', async () => {
    const times = fc.sample(fc.tuple(fc.integer({ min: 0, max: 17_000_000_000 }), fc.integer({ min: 0, max: 999_999_999 })), { numRuns: 300, seed: 5 });
    const { out, bytes } = collector();
    const w = createPcapngWriter(out, { interfaces: [{ name: 'x', linkType: 1 }] });
    for (const [tsSec, tsNsec] of times) await w.writePacket({ interfaceId: 0, tsSec, tsNsec, data: payload(1) });
    await w.close();
    const { packets } = await readAll(bytes());
    expect(packets.map((p) => [p.tsSec, p.tsNsec])).toEqual(times);
  });

  it('waits for drain when the destination is slow', async () => {
    let maxBuffered = 0;
    const received: Buffer[] = [];
    const slow = new Writable({
      highWaterMark: 256,
      write(chunk: Buffer, _enc, cb) {
        received.push(chunk);
        setImmediate(cb);
      },
    });
    const w = createPcapngWriter(slow, { interfaces: [{ name: 'x', linkType: 1 }] });
    for (let i = 0; i < 300; i++) {
      await w.writePacket({ interfaceId: 0, tsSec: i, tsNsec: 0, data: payload(200, i) });
      maxBuffered = Math.max(maxBuffered, slow.writableLength);
    }
    await w.close();
    expect(maxBuffered).toBeLessThanOrEqual(256 + 240);
    const { packets, reader } = await readAll(new Uint8Array(Buffer.concat(received)));
    expect(reader.error).toBeUndefined();
    expect(packets).toHaveLength(300);
  });

  it('rejects unknown interfaces and reports destination errors', async () => {
    const { out } = collector();
    const w = createPcapngWriter(out);
    await expect(w.writePacket({ interfaceId: 0, tsSec: 0, tsNsec: 0, data: payload(1) })).rejects.toThrow(RangeError);

    const failing = new Writable({ write(_c, _e, cb) { cb(new Error('disk full')); } });
    const w2 = createPcapngWriter(failing, { interfaces: [{ name: 'x', linkType: 1 }] });
    await new Promise((resolve) => setImmediate(resolve));
    await expect(w2.writePacket({ interfaceId: 0, tsSec: 0, tsNsec: 0, data: payload(1) })).rejects.toThrow('disk full');
  });

  it.skipIf(!tsharkAvailable)('writes files tshark reads', async () => {
    const path = join(dir, 'evidence.pcapng');
    const w = createPcapngWriter(createWriteStream(path), { interfaces: [{ name: 'eth0', linkType: 1 }, { name: 'any', linkType: 276 }] });
    await w.writePacket({ interfaceId: 0, tsSec: 1_767_225_600, tsNsec: 123_456_789, data: payload(60), comment: 'first' });
    await w.writePacket({ interfaceId: 1, tsSec: 1_767_225_601, tsNsec: 5, data: payload(40), len: 100 });
    await w.close();
    const { stdout } = await run('tshark', ['-n', '-r', path, '-T', 'fields', '-E', 'separator=,',
      '-e', 'frame.interface_id', '-e', 'frame.interface_name', '-e', 'frame.time_epoch', '-e', 'frame.cap_len', '-e', 'frame.len', '-e', 'frame.comment'], { timeout: 20_000 });
    expect(stdout.trim().split('\n')).toEqual([
      '0,eth0,1767225600.123456789,60,60,first',
      '1,any,1767225601.000000005,40,100,',
    ]);
    const { stdout: info } = await run('capinfos', [path], { timeout: 20_000 });
    expect(info).toMatch(/Capture application:\s+lvs-doctor/);
  });
});
