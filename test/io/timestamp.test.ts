import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TimestampScale, signed64, unsigned64 } from '../../src/io/timestamp.js';

function reference(units: bigint, tsresol: number): [number, number] {
  const n = BigInt(tsresol & 0x7f);
  const perSecond = (tsresol & 0x80) !== 0 ? 1n << n : 10n ** n;
  const sec = units / perSecond;
  return [Number(sec), Number(((units - sec * perSecond) * 1_000_000_000n) / perSecond)];
}

function convert(units: bigint, tsresol: number): [number, number] {
  const scale = new TimestampScale(tsresol);
  scale.convert(Number(units >> 32n), Number(units & 0xffffffffn));
  return [scale.sec, scale.nsec];
}

const YEAR_2026_NS = 1_767_225_600_000_000_000n;

describe('TimestampScale', () => {
  it('is exact for nanosecond counts of 2026, beyond 2^53', () => {
    expect(YEAR_2026_NS > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
    for (const delta of [0n, 1n, 999_999_999n, 123_456_789n, 86_400_000_000_001n]) {
      expect(convert(YEAR_2026_NS + delta, 9)).toEqual(reference(YEAR_2026_NS + delta, 9));
    }
    expect(convert(YEAR_2026_NS + 123_456_789n, 9)).toEqual([1_767_225_600, 123_456_789]);
  });

  it('matches BigInt for any 64-bit count and any decimal resolution up to 10^-9', () => {
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), fc.integer({ min: 1, max: 9 }), (units, n) => {
      const [sec, nsec] = convert(units, n);
      const [rs, rn] = reference(units, n);
      // Seconds past 2^53 cannot be held by a number; compare what can be.
      if (BigInt(rs) <= BigInt(Number.MAX_SAFE_INTEGER)) expect(sec).toBe(rs);
      expect(nsec).toBe(rn);
    }), { numRuns: 20_000, seed: 42 });
  });

  it('matches BigInt near the 10^-9 and 10^-6 boundaries', () => {
    const edges = [0n, 1n, (1n << 32n) - 1n, 1n << 32n, (1n << 32n) + 1n, (1n << 64n) - 1n, 999_999_999n, 1_000_000_000n, 4_294_967_296_000_000_000n];
    for (const units of edges) {
      for (const n of [0, 3, 6, 9]) {
        const [sec, nsec] = convert(units, n);
        const [rs, rn] = reference(units, n);
        expect(nsec).toBe(rn);
        expect(sec).toBe(rs);
      }
    }
  });

  it('matches BigInt for binary and finer-than-ns resolutions', () => {
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), fc.oneof(fc.integer({ min: 0x80, max: 0x80 + 63 }), fc.integer({ min: 10, max: 19 })), (units, r) => {
      expect(convert(units, r)).toEqual(reference(units, r));
    }), { numRuns: 5_000, seed: 7 });
  });
});

describe('64-bit helpers', () => {
  it('reads signed and unsigned values', () => {
    expect(signed64(0xffffffff, 0xffffff9c)).toBe(-100);
    expect(signed64(0, 5)).toBe(5);
    expect(signed64(1, 0)).toBe(2 ** 32);
    expect(unsigned64(0xffffffff, 0xffffffff)).toBe((1n << 64n) - 1n);
  });
});
