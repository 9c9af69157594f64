// Decode workers hand frames over as typed arrays: what the main thread rebuilds must be the
// very records the decoders made (values, absent parts, key order) with the same hashes.

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DecodedBatch, SightingBatchWriter } from '../../src/analyze/sighting-codec.js';
import { makeSighting } from '../../src/correlate/sighting.js';
import { hashPacket } from '../../src/correlate/packet-hash.js';
import { decodeFrame } from '../../src/decode/frame.js';
import type { RawPacket } from '../../src/io/raw-packet.js';
import { FIXTURES, fixtureCaptureFiles, packetsOf } from '../support/fixture-captures.js';


/** JSON that keeps undefined values and key order visible. */
function exact(v: unknown): string {
  return JSON.stringify(v, (_, x: unknown) => (x === undefined ? '(undefined)' : x));
}

function roundTrip(raws: readonly RawPacket[]): void {
  const writer = new SightingBatchWriter(raws.length);
  const want = raws.map((raw) => {
    const frame = decodeFrame(raw);
    const hashes = hashPacket(raw.data, frame);
    writer.add(frame, hashes);
    return makeSighting(2, frame, raw.tsSec + raw.tsNsec / 1e9, hashes);
  });
  // As across threads: a structured clone.
  const batch = new DecodedBatch(structuredClone(writer.finish()));
  expect(batch.length).toBe(raws.length);
  for (let i = 0; i < raws.length; i++) {
    expect(batch.time(i)).toBe(want[i]!.t);
    expect(exact(batch.take(i, 2))).toBe(exact(want[i]));
  }
}

describe('sighting codec', () => {
  it('rebuilds every fixture frame exactly', async () => {
    let n = 0;
    for (const file of fixtureCaptureFiles()) {
      const raws = await packetsOf(file);
      roundTrip(raws);
      n += raws.length;
    }
    expect(n).toBeGreaterThan(1000);
  });

  it('rebuilds cut frames, other link types and decode issues exactly', async () => {
    const raws = (await packetsOf(join(FIXTURES, 'healthy-wrr', 'director.pcap'))).slice(0, 30);
    const odd: RawPacket[] = [];
    for (const raw of raws) {
      for (let cut = 0; cut <= raw.data.length; cut += 5) {
        for (const linkType of [1, 101, 113]) odd.push({ ...raw, linkType, caplen: cut, data: raw.data.subarray(0, cut) });
      }
    }
    roundTrip(odd);
  });
});
