import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CaptureErrorCode } from '../../src/io/capture-error.js';
import { readCapture } from '../../src/io/read-capture.js';
import { SAMPLE_CAPTURES } from './capture-samples.js';
import { fromChunks, split } from './read-helpers.js';

const ERROR_CODES: readonly CaptureErrorCode[] = [
  'empty', 'bad-magic', 'unsupported-format', 'unsupported-version', 'truncated-header', 'truncated-record',
  'caplen-too-large', 'bad-block-length', 'block-too-large', 'block-trailer-mismatch', 'bad-byte-order-magic',
  'unknown-interface', 'bad-option', 'read-failed',
];
const INTERESTING_U32 = [0, 1, 3, 11, 12, 13, 0x7fffffff, 0x80000000, 0xfffffff0, 0xffffffff];

type Mutation =
  | { kind: 'byte'; at: number; value: number }
  | { kind: 'u32'; at: number; value: number }
  | { kind: 'truncate'; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('byte' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('u32' as const), at: fc.nat(), value: fc.constantFrom(...INTERESTING_U32) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

function mutate(original: Uint8Array, mutations: readonly Mutation[]): Uint8Array {
  let b = Uint8Array.from(original);
  for (const m of mutations) {
    if (b.length === 0) break;
    const at = m.at % b.length;
    if (m.kind === 'byte') b[at] = m.value;
    else if (m.kind === 'u32') {
      if (b.length >= 4) new DataView(b.buffer).setUint32(Math.min(at, b.length - 4), m.value, (m.at & 1) === 0);
    }
    else b = b.slice(0, at);
  }
  return b;
}

/** Reads without copying and checks the invariants every read must keep. */
async function readChecked(bytes: Uint8Array, chunkSizes: readonly number[]): Promise<void> {
  const reader = readCapture(fromChunks(split(bytes, chunkSizes)), { maxCaplen: 65536, maxBlockLength: 1 << 20 });
  let frame = 0, dataBytes = 0;
  for await (const batch of reader.batches()) {
    for (const p of batch) {
      expect(p.frame).toBe(++frame);
      expect(p.data.length).toBe(p.caplen);
      expect(p.tsNsec >= 0 && p.tsNsec < 1e9 && Number.isInteger(p.tsNsec)).toBe(true);
      expect(Number.isFinite(p.tsSec)).toBe(true);
      expect(p.fileOffset).toBeLessThan(bytes.length);
      expect(p.interfaceId).toBeLessThan(reader.interfaces.length);
      dataBytes += p.caplen;
    }
  }
  expect(dataBytes).toBeLessThanOrEqual(bytes.length);
  expect(reader.packetCount).toBe(frame);
  const error = reader.error;
  if (error !== undefined) {
    expect(ERROR_CODES).toContain(error.code);
    expect(error.offset).toBeGreaterThanOrEqual(0);
    expect(error.offset).toBeLessThanOrEqual(bytes.length);
    expect(error.message).not.toMatch(/[\x00-\x1f\x7f-\x9f]/);
  }
  for (const w of reader.warnings) expect(w.message).not.toMatch(/[\x00-\x1f\x7f-\x9f]/);
}

describe('mutated captures', () => {
  for (const [name, bytes] of Object.entries(SAMPLE_CAPTURES)) {
    it(`${name}: never throws, ends ok or with a typed error`, async () => {
      await fc.assert(fc.asyncProperty(
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 5 }),
        async (mutations, chunkSizes) => readChecked(mutate(bytes, mutations), chunkSizes),
      ), { numRuns: 800, seed: 20260101 });
    });
  }

  it('random bytes behind every magic never throw', async () => {
    const magics = [[0xd4, 0xc3, 0xb2, 0xa1], [0xa1, 0xb2, 0x3c, 0x4d], [0x0a, 0x0d, 0x0d, 0x0a], [0x34, 0xcd, 0xb2, 0xa1]];
    await fc.assert(fc.asyncProperty(
      fc.constantFrom(...magics), fc.uint8Array({ maxLength: 400 }), fc.integer({ min: 1, max: 64 }),
      async (magic, rest, chunk) => readChecked(Uint8Array.from([...magic, ...rest]), [chunk]),
    ), { numRuns: 2000, seed: 99 });
  });
});
