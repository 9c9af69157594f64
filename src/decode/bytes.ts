// Big-endian readers over a Uint8Array. Callers check the length once per layer, so these
// never see an index past the end; they are tiny so the JIT inlines them.

export function u16(b: Uint8Array, off: number): number {
  return (b[off]! << 8) | b[off + 1]!;
}

export function u32(b: Uint8Array, off: number): number {
  return ((b[off]! << 24) | (b[off + 1]! << 16) | (b[off + 2]! << 8) | b[off + 3]!) >>> 0;
}

export function u32le(b: Uint8Array, off: number): number {
  return ((b[off + 3]! << 24) | (b[off + 2]! << 16) | (b[off + 1]! << 8) | b[off]!) >>> 0;
}

/** The end of what may be read: the declared end, or less if the capture stopped earlier. */
export function readableEnd(b: Uint8Array, end: number): number {
  return end < b.length ? end : b.length;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Lowercase hex of `length` bytes at `off` (caller has checked they are there). Not for hot paths. */
export function hexAt(b: Uint8Array, off: number, length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += HEX[b[off + i]!]!;
  return s;
}
