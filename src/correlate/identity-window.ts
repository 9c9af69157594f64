// Sightings of the same packet across vantage points, kept for a bounded time window
// and a bounded number of entries. Keys are 30-bit so V8 keeps them as small integers;
// a key collision is resolved by comparing the identity and the source address.

import type { Sighting } from './sighting.js';

export type IdentityWindowOptions = {
  /** How long (aligned seconds) a packet's sightings are kept after its first sighting. */
  readonly spanSeconds: number;
  readonly maxEntries: number;
  /** Sightings kept per packet (a forwarding loop may show many). */
  readonly maxPerPacket: number;
  /** Sees each packet's sightings when it leaves the window (by age, by the entry cap, or drain). */
  readonly onExpire?: (sightings: readonly Sighting[]) => void;
};

export type IdentityWindow = {
  /** Records `s` and returns the earlier sightings of the same packet (oldest first). */
  add(s: Sighting, alignedT: number): readonly Sighting[];
  /** Drops packets first seen before `alignedT − span`. */
  expire(alignedT: number): void;
  /** Expires everything. */
  drain(): void;
  readonly size: number;
};

type Entry = { readonly identity: number; readonly sightings: Sighting[]; readonly firstT: number; next?: Entry };

const EMPTY: readonly Sighting[] = Object.freeze([]);

function sameSource(a: Sighting, b: Sighting): boolean {
  const ipA = a.frame.ip, ipB = b.frame.ip;
  if (ipA && ipB) return ipA.src === ipB.src;
  const arpA = a.frame.arp, arpB = b.frame.arp;
  return arpA !== undefined && arpB !== undefined && arpA.sha === arpB.sha && arpA.spa === arpB.spa;
}

export function createIdentityWindow(options: IdentityWindowOptions): IdentityWindow {
  const table = new Map<number, Entry>();
  // Insertion order is (nearly) time order; a FIFO of entries drives expiry.
  const queue: Entry[] = [];
  let head = 0;

  function removeEntry(e: Entry): void {
    const key = e.identity & 0x3fffffff;
    let cur = table.get(key);
    if (cur === e) {
      if (e.next) table.set(key, e.next); else table.delete(key);
      return;
    }
    while (cur && cur.next !== e) cur = cur.next;
    if (cur) cur.next = e.next;
  }

  function popOldest(): void {
    const e = queue[head]!;
    queue[head++] = undefined as unknown as Entry;
    removeEntry(e);
    options.onExpire?.(e.sightings);
    if (head > 4096 && head * 2 > queue.length) { queue.splice(0, head); head = 0; }
  }

  return {
    add(s, alignedT) {
      const identity = s.hashes.identity;
      if (!s.frame.ip && !s.frame.arp) return EMPTY;
      const key = identity & 0x3fffffff;
      let e = table.get(key);
      while (e && (e.identity !== identity || !sameSource(e.sightings[0]!, s))) e = e.next;
      if (e) {
        const earlier = e.sightings.slice();
        // Keep the first half of the sightings and, after that, the newest ones: a looping
        // packet is compared with its latest passes, not with one from dozens of hops ago.
        if (e.sightings.length < options.maxPerPacket) e.sightings.push(s);
        else {
          e.sightings.splice(options.maxPerPacket >> 1, 1);
          e.sightings.push(s);
        }
        return earlier;
      }
      if (queue.length - head >= options.maxEntries) popOldest();
      const fresh: Entry = { identity, sightings: [s], firstT: alignedT };
      const chain = table.get(key);
      if (chain) fresh.next = chain;
      table.set(key, fresh);
      queue.push(fresh);
      return EMPTY;
    },
    expire(alignedT) {
      const limit = alignedT - options.spanSeconds;
      while (head < queue.length && queue[head]!.firstT < limit) popOldest();
    },
    drain() {
      while (head < queue.length) popOldest();
    },
    get size() { return queue.length - head; },
  };
}
