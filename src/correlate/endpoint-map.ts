// A map keyed by an address and a small integer (ports, protocol) without building a string
// per lookup: the key is hashed to a small integer and collisions are chained.

import type { IpAddress } from '../decode/addresses.js';

type Entry<V> = { readonly ip: IpAddress; readonly x: number; value: V; next: Entry<V> | undefined };

function stringHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}

/** 30 bits, so V8 keeps the map keys as small integers. */
function hashOf(ip: IpAddress, x: number): number {
  let h = typeof ip === 'number' ? ip | 0 : stringHash(ip);
  // x may exceed 32 bits: mix in its low word and its high part.
  h = Math.imul(h ^ (x | 0), 0x85ebca6b);
  h ^= Math.floor(x / 0x100000000);
  h ^= h >>> 15;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 13;
  return h & 0x3fffffff;
}

export class EndpointMap<V> {
  private readonly buckets = new Map<number, Entry<V>>();
  private count = 0;

  get size(): number { return this.count; }

  get(ip: IpAddress, x: number): V | undefined {
    for (let e = this.buckets.get(hashOf(ip, x)); e !== undefined; e = e.next) {
      if (e.x === x && e.ip === ip) return e.value;
    }
    return undefined;
  }

  set(ip: IpAddress, x: number, value: V): void {
    const h = hashOf(ip, x);
    const head = this.buckets.get(h);
    for (let e = head; e !== undefined; e = e.next) {
      if (e.x === x && e.ip === ip) { e.value = value; return; }
    }
    this.buckets.set(h, { ip, x, value, next: head });
    this.count++;
  }

  delete(ip: IpAddress, x: number): void {
    const h = hashOf(ip, x);
    let prev: Entry<V> | undefined;
    for (let e = this.buckets.get(h); e !== undefined; prev = e, e = e.next) {
      if (e.x !== x || e.ip !== ip) continue;
      if (prev) prev.next = e.next;
      else if (e.next) this.buckets.set(h, e.next);
      else this.buckets.delete(h);
      this.count--;
      return;
    }
  }

  clear(): void {
    this.buckets.clear();
    this.count = 0;
  }
}
