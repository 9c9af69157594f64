import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { readCapture } from '../../src/io/read-capture.js';
import { concatBytes, payload, pcapHeader, pcapRecord } from '../support/capture-bytes.js';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

const MB = 1024 * 1024;
const FRAME_SIZES = [60, 1514, 200, 9000, 74, 590];

/** A pcap stream of about `totalBytes`, made on the fly in fresh chunks whose edges cut records anywhere. */
async function* generatedPcap(totalBytes: number, chunkSize: number): AsyncGenerator<Uint8Array> {
  const template = concatBytes(...Array.from({ length: 60 }, (_, i) => pcapRecord({}, { tsSec: i, data: payload(FRAME_SIZES[i % FRAME_SIZES.length]!, i) })));
  const periods = Math.ceil(totalBytes / template.length);
  yield pcapHeader();
  let phase = 0;
  let left = periods * template.length;
  while (left > 0) {
    const chunk = new Uint8Array(Math.min(chunkSize, left));
    for (let filled = 0; filled < chunk.length;) {
      const take = Math.min(chunk.length - filled, template.length - phase);
      chunk.set(template.subarray(phase, phase + take), filled);
      filled += take;
      phase = (phase + take) % template.length;
    }
    left -= chunk.length;
    yield chunk;
  }
}

const retained = () => {
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

describe('memory', () => {
  it('reads a 200 MB generated stream with bounded memory', async () => {
    const baseline = retained();
    let peak = 0, packets = 0, bytes = 0, batches = 0;
    const reader = readCapture(generatedPcap(200 * MB, MB + 3));
    for await (const batch of reader.batches()) {
      packets += batch.length;
      for (const p of batch) bytes += p.caplen;
      if (++batches % 25 === 0) peak = Math.max(peak, retained() - baseline);
    }
    peak = Math.max(peak, retained() - baseline);
    expect(reader.error).toBeUndefined();
    expect(reader.bytesRead).toBeGreaterThan(200 * MB);
    expect(packets).toBe(reader.packetCount);
    expect(packets).toBeGreaterThan(50_000);
    expect(bytes).toBeGreaterThan(190 * MB);
    expect(peak).toBeLessThan(64 * MB);
  }, 60_000);
});
