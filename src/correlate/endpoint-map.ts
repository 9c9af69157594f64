// A map keyed by an address and a small integer (ports, protocol), iterable in insertion
// order, without a string or an object per lookup. Entries live in slots of typed arrays
// plus one array of values that is cleared on delete: a JS Map that churns through
// short-lived values makes V8's scavenger keep many dead ones alive (measured: 5 MB
// surviving each scavenge with 40 live entries), a cleared array slot does not.

import type { IpAddress } from '../decode/addresses.js';

const NONE = -1;
const INITIAL_CAPACITY = 64;

function stringHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}

function hashOf(ip: IpAddress, x: number): number {
  let h = typeof ip === 'number' ? ip | 0 : stringHash(ip);
  // x may exceed 32 bits: mix in its low word and its high part.
  h = Math.imul(h ^ (x | 0), 0x85ebca6b);
  h ^= Math.floor(x / 0x100000000);
  h ^= h >>> 15;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 13);
}

export class EndpointMap<V> {
  private capacity = 0;
  private count = 0;
  private mask = 0;
  /** Bucket → first slot of its chain. */
  private buckets = new Int32Array(0);
  private chain = new Int32Array(0);
  private hashes = new Int32Array(0);
  /** IPv4 keys; IPv6 keys (strings) are in keyText. */
  private keyNumber = new Float64Array(0);
  private keyText: (string | undefined)[] = [];
  private keyX = new Float64Array(0);
  private values: (V | undefined)[] = [];
  /** Insertion order (doubly linked) and the free slots (singly linked through `after`). */
  private before = new Int32Array(0);
  private after = new Int32Array(0);
  private head = NONE;
  private tail = NONE;
  private free = NONE;

  get size(): number { return this.count; }

  get(ip: IpAddress, x: number): V | undefined {
    const slot = this.find(ip, x, hashOf(ip, x));
    return slot === NONE ? undefined : this.values[slot];
  }

  set(ip: IpAddress, x: number, value: V): void {
    const h = hashOf(ip, x);
    let slot = this.find(ip, x, h);
    if (slot !== NONE) { this.values[slot] = value; return; }
    if (this.free === NONE) this.grow();
    slot = this.free;
    this.free = this.after[slot]!;
    if (typeof ip === 'number') { this.keyNumber[slot] = ip; this.keyText[slot] = undefined; } else this.keyText[slot] = ip;
    this.keyX[slot] = x;
    this.values[slot] = value;
    this.hashes[slot] = h;
    const b = h & this.mask;
    this.chain[slot] = this.buckets[b]!;
    this.buckets[b] = slot;
    this.before[slot] = this.tail;
    this.after[slot] = NONE;
    if (this.tail === NONE) this.head = slot; else this.after[this.tail] = slot;
    this.tail = slot;
    this.count++;
  }

  delete(ip: IpAddress, x: number): void {
    const h = hashOf(ip, x);
    const slot = this.find(ip, x, h);
    if (slot === NONE) return;
    const b = h & this.mask;
    if (this.buckets[b] === slot) this.buckets[b] = this.chain[slot]!;
    else {
      let p = this.buckets[b]!;
      while (this.chain[p] !== slot) p = this.chain[p]!;
      this.chain[p] = this.chain[slot]!;
    }
    const prev = this.before[slot]!, next = this.after[slot]!;
    if (prev === NONE) this.head = next; else this.after[prev] = next;
    if (next === NONE) this.tail = prev; else this.before[next] = prev;
    this.values[slot] = undefined;
    this.keyText[slot] = undefined;
    this.after[slot] = this.free;
    this.free = slot;
    this.count--;
  }

  clear(): void {
    this.capacity = this.count = this.mask = 0;
    this.buckets = this.chain = this.hashes = this.before = this.after = new Int32Array(0);
    this.keyNumber = this.keyX = new Float64Array(0);
    this.values = [];
    this.keyText = [];
    this.head = this.tail = this.free = NONE;
  }

  /** The value inserted first among those present. */
  oldest(): V | undefined {
    return this.head === NONE ? undefined : this.values[this.head];
  }

  /**
   * Calls `fn` with each value in insertion order; `fn` may delete the value it was given.
   * (A loop, not a generator: a generator allocates per step, and this runs often.)
   */
  forEachOrdered(fn: (value: V) => void): void {
    for (let slot = this.head; slot !== NONE;) {
      const next = this.after[slot]!;
      fn(this.values[slot]!);
      slot = next;
    }
  }

  private find(ip: IpAddress, x: number, h: number): number {
    if (this.capacity === 0) return NONE;
    const isNumber = typeof ip === 'number';
    for (let slot = this.buckets[h & this.mask]!; slot !== NONE; slot = this.chain[slot]!) {
      if (this.hashes[slot] !== h || this.keyX[slot] !== x) continue;
      if (isNumber ? this.keyText[slot] === undefined && this.keyNumber[slot] === ip : this.keyText[slot] === ip) return slot;
    }
    return NONE;
  }

  private grow(): void {
    const old = this.capacity;
    const n = old === 0 ? INITIAL_CAPACITY : old * 2;
    const copy = <T extends Int32Array | Float64Array>(a: T, make: (k: number) => T): T => { const b = make(n); b.set(a); return b; };
    this.chain = copy(this.chain, (k) => new Int32Array(k));
    this.hashes = copy(this.hashes, (k) => new Int32Array(k));
    this.keyNumber = copy(this.keyNumber, (k) => new Float64Array(k));
    this.keyX = copy(this.keyX, (k) => new Float64Array(k));
    this.before = copy(this.before, (k) => new Int32Array(k));
    this.after = copy(this.after, (k) => new Int32Array(k));
    // Every old slot is in use (grow runs only with no free slot): rebuild the buckets.
    this.mask = 2 * n - 1;
    this.buckets = new Int32Array(2 * n).fill(NONE);
    for (let slot = 0; slot < old; slot++) {
      const b = this.hashes[slot]! & this.mask;
      this.chain[slot] = this.buckets[b]!;
      this.buckets[b] = slot;
    }
    // New slots go on the free list, lowest first.
    for (let slot = n - 1; slot >= old; slot--) { this.after[slot] = this.free; this.free = slot; }
    this.capacity = n;
  }
}
