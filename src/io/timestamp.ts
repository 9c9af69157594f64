// Converts a pcapng 64-bit timestamp, given as its high and low 32-bit halves, to whole
// seconds plus nanoseconds. Decimal resolutions down to 10^-9 (µs and ns are what tools
// write) use exact double arithmetic on pieces that stay below 2^53, so the per-packet path
// needs no BigInt. Binary (2^-n) and finer-than-ns resolutions fall back to BigInt.

const TWO_16 = 65536;
const TWO_32 = 4294967296;
const MAX_FAST_DECIMAL_DIGITS = 9;

/** Result of the last `convert` call; one instance per interface, reused per packet. */
export class TimestampScale {
  sec = 0;
  nsec = 0;
  /** Units per second for the fast decimal path; 0 when the BigInt path is used. */
  private readonly divisor: number;
  private readonly nsPerUnit: number;
  private readonly bigUnitsPerSecond: bigint;
  private readonly bigBinaryShift: bigint;
  private readonly isBinary: boolean;

  /** `tsresol` is the pcapng if_tsresol byte: MSB 0 → 10^-n, MSB 1 → 2^-n (n = low 7 bits). */
  constructor(tsresol: number) {
    const n = tsresol & 0x7f;
    this.isBinary = (tsresol & 0x80) !== 0;
    const fast = !this.isBinary && n <= MAX_FAST_DECIMAL_DIGITS;
    this.divisor = fast ? 10 ** n : 0;
    this.nsPerUnit = fast ? 10 ** (MAX_FAST_DECIMAL_DIGITS - n) : 0;
    this.bigUnitsPerSecond = this.isBinary ? 1n << BigInt(n) : 10n ** BigInt(n);
    this.bigBinaryShift = BigInt(n);
  }

  /** Sets `sec` and `nsec` from a count of units split into unsigned 32-bit halves. */
  convert(hi: number, lo: number): void {
    const d = this.divisor;
    if (d === 0) {
      this.convertBig(hi, lo);
      return;
    }
    if (hi === 0) {
      const q = Math.floor(lo / d);
      this.sec = q;
      this.nsec = (lo - q * d) * this.nsPerUnit;
      return;
    }
    // units = hi·2^32 + lo, divided by d in three steps whose operands stay below 2^53:
    // hi by d, then (rem·2^16 + top half of lo), then (rem·2^16 + bottom half of lo).
    const qh = Math.floor(hi / d);
    const x = (hi - qh * d) * TWO_16 + (lo >>> 16);
    let qx = Math.floor(x / d);
    let rx = x - qx * d;
    if (rx < 0) { qx--; rx += d; } else if (rx >= d) { qx++; rx -= d; }
    const y = rx * TWO_16 + (lo & 0xffff);
    let qy = Math.floor(y / d);
    let ry = y - qy * d;
    if (ry < 0) { qy--; ry += d; } else if (ry >= d) { qy++; ry -= d; }
    this.sec = qh * TWO_32 + qx * TWO_16 + qy;
    this.nsec = ry * this.nsPerUnit;
  }

  private convertBig(hi: number, lo: number): void {
    const units = (BigInt(hi) << 32n) | BigInt(lo);
    const perSecond = this.bigUnitsPerSecond;
    const whole = this.isBinary ? units >> this.bigBinaryShift : units / perSecond;
    const frac = units - whole * perSecond;
    this.sec = Number(whole);
    // Truncates toward zero, as Wireshark does for resolutions finer than 1 ns.
    this.nsec = Number((frac * 1_000_000_000n) / perSecond);
  }
}

/** The pcapng default when an IDB has no if_tsresol: microseconds. */
export const DEFAULT_TSRESOL = 6;

/** Reads a signed 64-bit integer given as halves (hi signed); exact while |value| < 2^53. */
export function signed64(hi: number, lo: number): number {
  return (hi | 0) * TWO_32 + (lo >>> 0);
}

/** Reads an unsigned 64-bit integer given as halves, exactly. */
export function unsigned64(hi: number, lo: number): bigint {
  return (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
}
