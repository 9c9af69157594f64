// Sightings of the same packet across vantage points, kept for a bounded time window
// and a bounded number of entries. A key or hash collision is resolved by comparing the
// fields the identity hash covers (samePacket).
//
// Entries sit in a ring of slots (typed arrays for the numbers, plain arrays for the
// sightings, cleared when an entry leaves) hashed by identity: one entry per packet and
// no JS Map, whose churn keeps dead sightings alive through V8's scavenges.

import { samePacket, type Sighting } from './sighting.js';

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
  /**
   * Records `s` and returns the earlier sightings of the same packet (oldest first). The
   * array is valid until the next call on the window: copy it to keep it.
   */
  add(s: Sighting, alignedT: number): readonly Sighting[];
  /** Drops packets first seen before `alignedT − span`. */
  expire(alignedT: number): void;
  /** Expires everything. */
  drain(): void;
  readonly size: number;
};

const EMPTY: readonly Sighting[] = Object.freeze([]);
const NONE = -1;
const INITIAL_CAPACITY = 1024;

export function createIdentityWindow(options: IdentityWindowOptions): IdentityWindow {
  // Slots are used in insertion order (nearly time order): the oldest entry is at `head`.
  let capacity = 0, mask = 0, head = 0, count = 0;
  let identities = new Int32Array(0);
  let firstTs = new Float64Array(0);
  let chain = new Int32Array(0);
  let buckets = new Int32Array(0);
  let firsts: (Sighting | undefined)[] = [];
  /** All sightings of a packet seen more than once (the first included). */
  let lists: (Sighting[] | undefined)[] = [];
  // The sighting just matched goes in on the next call, so `earlier` needs no copy; a packet's
  // second sighting is answered from `single` and gets its list (sized two) then.
  let pendingSlot = NONE, pendingSighting: Sighting | undefined;
  const single: Sighting[] = [];

  function flush(): void {
    if (pendingSlot === NONE) return;
    const slot = pendingSlot, s = pendingSighting!;
    pendingSlot = NONE;
    pendingSighting = undefined;
    single.length = 0;
    let list = lists[slot];
    if (list === undefined) {
      if (options.maxPerPacket >= 2) { lists[slot] = [firsts[slot]!, s]; return; }
      lists[slot] = list = [firsts[slot]!];
    }
    // Keep the first half of the sightings and, after that, the newest ones: a looping
    // packet is compared with its latest passes, not with one from dozens of hops ago.
    if (list.length >= options.maxPerPacket) list.splice(options.maxPerPacket >> 1, 1);
    list.push(s);
  }

  function unlink(slot: number): void {
    const b = identities[slot]! & mask;
    if (buckets[b] === slot) { buckets[b] = chain[slot]!; return; }
    let p = buckets[b]!;
    while (chain[p] !== slot) p = chain[p]!;
    chain[p] = chain[slot]!;
  }

  function popOldest(): void {
    const slot = head & (capacity - 1);
    unlink(slot);
    const first = firsts[slot]!, list = lists[slot];
    firsts[slot] = undefined;
    lists[slot] = undefined;
    head++;
    count--;
    options.onExpire?.(list ?? [first]);
  }

  function grow(): void {
    // The ring unrolls into the new, larger one in age order; hashes are rebuilt.
    const n = capacity === 0 ? INITIAL_CAPACITY : capacity * 2;
    const ids = new Int32Array(n), ts = new Float64Array(n);
    const fs: (Sighting | undefined)[] = new Array(n).fill(undefined), ls: (Sighting[] | undefined)[] = new Array(n).fill(undefined);
    for (let i = 0; i < count; i++) {
      const from = (head + i) & (capacity - 1);
      ids[i] = identities[from]!;
      ts[i] = firstTs[from]!;
      fs[i] = firsts[from];
      ls[i] = lists[from];
    }
    identities = ids; firstTs = ts; firsts = fs; lists = ls;
    capacity = n;
    head = 0;
    mask = 2 * n - 1;
    buckets = new Int32Array(2 * n).fill(NONE);
    chain = new Int32Array(n);
    for (let i = 0; i < count; i++) {
      const b = identities[i]! & mask;
      chain[i] = buckets[b]!;
      buckets[b] = i;
    }
  }

  return {
    add(s, alignedT) {
      flush();
      const frame = s.frame;
      if (!frame.ip && !frame.arp) return EMPTY;
      const identity = s.identity | 0;
      if (capacity > 0) {
        for (let slot = buckets[identity & mask]!; slot !== NONE; slot = chain[slot]!) {
          if (identities[slot] !== identity || !samePacket(firsts[slot]!, s)) continue;
          pendingSlot = slot;
          pendingSighting = s;
          const list = lists[slot];
          if (list !== undefined) return list;
          single.push(firsts[slot]!);
          return single;
        }
      }
      if (count >= options.maxEntries) popOldest();
      if (count === capacity) grow();
      const slot = (head + count) & (capacity - 1);
      identities[slot] = identity;
      firstTs[slot] = alignedT;
      firsts[slot] = s;
      const b = identity & mask;
      chain[slot] = buckets[b]!;
      buckets[b] = slot;
      count++;
      return EMPTY;
    },
    expire(alignedT) {
      flush();
      const limit = alignedT - options.spanSeconds;
      while (count > 0 && firstTs[head & (capacity - 1)]! < limit) popOldest();
    },
    drain() {
      flush();
      while (count > 0) popOldest();
    },
    get size() { return count; },
  };
}
