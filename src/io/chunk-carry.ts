// Holds the bytes of one record that straddles input chunks. It only ever holds a single
// record, so its size is bounded by the record caps. Each carried record gets a fresh buffer:
// packets delivered from it keep viewing it after the reader moves on.

const EMPTY = new Uint8Array(0);
const MIN_CAPACITY = 256;

export class ChunkCarry {
  buf: Uint8Array = EMPTY;
  length = 0;
  /** Stream offset of buf[0]. */
  base = 0;

  get isEmpty(): boolean {
    return this.length === 0;
  }

  /** Starts carrying src[from, to), which begins at stream offset `base`. */
  start(src: Uint8Array, from: number, to: number, base: number, need: number): void {
    this.buf = EMPTY;
    this.length = 0;
    this.base = base;
    this.append(src, from, to - from, need);
  }

  /**
   * Appends `count` bytes of src from `from`. Capacity grows geometrically but never beyond
   * `need`, which the framer has checked against the caps, so a length field claiming a huge
   * record that never arrives costs no more than the bytes that did.
   */
  append(src: Uint8Array, from: number, count: number, need: number): void {
    const wanted = this.length + count;
    if (wanted > this.buf.length) {
      const grown = Math.max(wanted, this.buf.length * 2, MIN_CAPACITY);
      const next = new Uint8Array(Math.max(wanted, Math.min(grown, need)));
      next.set(this.buf.subarray(0, this.length));
      this.buf = next;
    }
    this.buf.set(src.subarray(from, from + count), this.length);
    this.length = wanted;
  }

  /** Drops the carried bytes; the buffer is not reused. */
  release(): void {
    this.buf = EMPTY;
    this.length = 0;
  }
}
