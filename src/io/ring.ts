// A few reusable objects handed out in turn: read buffers and packet batches are allocated once
// per reader instead of per chunk. Files read one after another (read-sequence.ts) share one
// ring, which keeps turning where the last file left off, so a file never takes the object its
// predecessor handed out last.

export class Ring<T> {
  private readonly items: T[] = [];
  private turn = 0;
  private readonly size: number;

  constructor(size: number) {
    this.size = size;
  }

  /** The next object, made (or remade, when `fits` rejects the old one) on its first turn. */
  next(make: () => T, fits?: (item: T) => boolean): T {
    const i = this.turn++ % this.size;
    let item = this.items[i];
    if (item === undefined || (fits !== undefined && !fits(item))) {
      item = make();
      this.items[i] = item;
    }
    return item;
  }
}
