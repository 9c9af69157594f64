// The analysis decodes with packed IPv4/TCP/UDP records; every field they give must equal the
// plain record's, issues included, on every fixture frame, on cuts of them and on mutated
// headers (lengths, flags, options that no longer parse).

import { describe, expect, it } from 'vitest';
import { decodeFrame } from '../../src/decode/frame.js';
import type { Frame } from '../../src/decode/frame-types.js';
import { PackedIpv4, PackedTcp, PackedUdp } from '../../src/decode/packed-headers.js';
import { openCaptureFile } from '../../src/io/open-capture.js';
import type { RawPacket } from '../../src/io/raw-packet.js';
import { fixtureCaptureFiles } from '../support/fixture-captures.js';
import { random } from '../support/random.js';

/** `value` read through the keys of its plain counterpart, nested records too. */
function readLike(value: unknown, like: unknown): unknown {
  if (like === null || typeof like !== 'object' || value === null || typeof value !== 'object') return value;
  if (Array.isArray(like)) return (value as unknown[]).map((v, i) => readLike(v, like[i]));
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(like)) out[key] = readLike((value as Record<string, unknown>)[key], (like as Record<string, unknown>)[key]);
  return out;
}

let packedSeen = 0;

function compare(raw: RawPacket): void {
  const plain = decodeFrame(raw);
  const packed = decodeFrame(raw, true);
  if (packed.ip instanceof PackedIpv4 || packed.l4 instanceof PackedTcp || packed.l4 instanceof PackedUdp) packedSeen++;
  expect(readLike(packed, plain) as Frame).toEqual(plain);
  // The packed frame has no field the plain one lacks.
  expect(Object.keys(packed).sort()).toEqual(Object.keys(plain).sort());
}

async function* fixtureFrames(): AsyncGenerator<RawPacket> {
  for (const file of fixtureCaptureFiles()) {
    for await (const batch of openCaptureFile(file).batches()) yield* batch;
  }
}

describe('packed header records', () => {
  it('give the plain records\' values on every fixture frame, its cuts and mutated headers', async () => {
    const next = random(8);
    let frames = 0;
    for await (const raw of fixtureFrames()) {
      frames++;
      compare(raw);
      for (const cut of [14, 20, 33, 34, 40, 53, 54, 60, 65, 66]) {
        if (cut < raw.data.length) compare({ ...raw, data: raw.data.subarray(0, cut), caplen: cut });
      }
      // Bytes of the IP and transport headers changed at random (lengths, fragment fields, options).
      for (let k = 0; k < 4; k++) {
        const data = raw.data.slice();
        for (let m = 0; m < 3; m++) data[14 + Math.floor(next() * Math.min(60, Math.max(1, data.length - 14)))] = Math.floor(next() * 256);
        compare({ ...raw, data });
      }
    }
    expect(frames).toBeGreaterThan(1000);
    expect(packedSeen).toBeGreaterThan(1000);
  });

  it('keep addresses, sequence numbers and timestamps at or above 2³¹ unsigned', () => {
    const b = new Uint8Array(66);
    b.set([0x45, 0, 0, 52, 0xab, 0xcd, 0x40, 0, 64, 6, 0x12, 0x34, 192, 168, 1, 2, 255, 255, 255, 254], 14);
    b.set([0xff, 0xff, 0x00, 0x50, 0xf0, 0, 0, 1, 0x80, 0, 0, 0, 0x80, 0x18, 0xff, 0xff, 0, 0, 0, 0, 1, 1, 8, 10, 0xff, 0xff, 0xff, 0xff, 0x80, 0, 0, 0], 34);
    b.set([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 0x08, 0x00]);
    const raw: RawPacket = { frame: 1, tsSec: 0, tsNsec: 0, linkType: 1, caplen: 66, len: 66, data: b, interfaceId: 0, fileOffset: 24 };
    const f = decodeFrame(raw, true);
    expect(f.ip).toBeInstanceOf(PackedIpv4);
    expect(f.ip).toMatchObject({ src: 0xc0a80102, dst: 0xfffffffe, id: 0xabcd, dontFragment: true, ttl: 64, checksum: 0x1234 });
    expect(f.l4).toMatchObject({ sport: 65535, dport: 80, seq: 0xf0000001, ack: 0x80000000, flags: 0x018, window: 0xffff });
    expect(f.l4?.kind === 'tcp' && f.l4.options).toEqual({ mss: undefined, windowScale: undefined, sackPermitted: undefined, tsVal: 0xffffffff, tsEcr: 0x80000000 });
    compare(raw);
  });
});
