import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { concatBytes, payload } from '../support/capture-bytes.js';
import { SAMPLE_CAPTURES } from './capture-samples.js';
import { readAll, readSummary, split } from './read-helpers.js';

// Truncated and corrupted variants must also give the same result in any chunking.
const VARIANTS: Readonly<Record<string, Uint8Array>> = {
  ...SAMPLE_CAPTURES,
  'pcap truncated': SAMPLE_CAPTURES['pcap-us-le']!.subarray(0, 500),
  'pcapng truncated': SAMPLE_CAPTURES['pcapng-mixed']!.subarray(0, 300),
  'pcap huge caplen': concatBytes(SAMPLE_CAPTURES['pcap-us-le']!, Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 0, 0xf0, 0xff, 0xff, 0xff, 0, 0, 0, 0), payload(300)),
  'pcapng gzip': gzipSync(SAMPLE_CAPTURES['pcapng-mixed']!),
};

describe('chunking does not change the result', () => {
  for (const [name, bytes] of Object.entries(VARIANTS)) {
    it(`${name}: 1-byte, 7-byte and random chunks read like one chunk`, async () => {
      const whole = await readSummary([bytes]);
      expect(await readSummary(split(bytes, 1))).toEqual(whole);
      expect(await readSummary(split(bytes, 7))).toEqual(whole);
      await fc.assert(fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 200 }), { minLength: 1, maxLength: 20 }), async (sizes) => {
        expect(await readSummary(split(bytes, sizes))).toEqual(whole);
      }), { numRuns: 40, seed: 1234 });
    });
  }

  it('samples read without error and deliver the expected packet counts', async () => {
    const counts: Record<string, number> = {};
    for (const [name, bytes] of Object.entries(SAMPLE_CAPTURES)) {
      const { reader, packets } = await readAll(bytes);
      expect(reader.error, name).toBeUndefined();
      counts[name] = packets.length;
    }
    expect(counts).toEqual({
      'pcap-us-le': 12, 'pcap-ns-be': 9, 'pcap-2.2': 5, 'pcap-2.3-swapped': 2, 'pcap-fcs': 4, 'pcap-kuznetsov': 4, 'pcapng-mixed': 5,
    });
  });

  it('yields one batch per chunk that completes a record', async () => {
    const bytes = SAMPLE_CAPTURES['pcap-us-le']!;
    expect((await readAll([bytes])).batchCount).toBe(1);
    const { batchCount, packets } = await readAll(split(bytes, 1));
    expect(packets).toHaveLength(12);
    expect(batchCount).toBe(12);
  });
});
