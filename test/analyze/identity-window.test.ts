// The identity window keeps its entries in typed-array slots instead of a Map; it must give the
// same answers as the straightforward Map version (kept here as the reference) in every case:
// collisions, eviction by the entry cap, the per-packet cap, expiry and drain.

import { describe, expect, it } from 'vitest';
import { createIdentityWindow, type IdentityWindowOptions } from '../../src/correlate/identity-window.js';
import { makeSighting, samePacket, type Sighting } from '../../src/correlate/sighting.js';
import type { Frame } from '../../src/decode/frame-types.js';

type Entry = { readonly identity: number; readonly sightings: Sighting[]; readonly firstT: number; next?: Entry };

function referenceWindow(options: IdentityWindowOptions) {
  const table = new Map<number, Entry>();
  const queue: (Entry | undefined)[] = [];
  let head = 0;
  const removeEntry = (e: Entry) => {
    const key = e.identity & 0x3fffffff;
    let cur = table.get(key);
    if (cur === e) { if (e.next) table.set(key, e.next); else table.delete(key); return; }
    while (cur && cur.next !== e) cur = cur.next;
    if (cur) cur.next = e.next;
  };
  const popOldest = () => { const e = queue[head]!; queue[head++] = undefined; removeEntry(e); options.onExpire?.(e.sightings); };
  return {
    add(s: Sighting, t: number): readonly Sighting[] {
      const key = s.identity & 0x3fffffff;
      let e = table.get(key);
      while (e && (e.identity !== s.identity || !samePacket(e.sightings[0]!, s))) e = e.next;
      if (e) {
        const earlier = e.sightings.slice();
        if (e.sightings.length < options.maxPerPacket) e.sightings.push(s);
        else { e.sightings.splice(options.maxPerPacket >> 1, 1); e.sightings.push(s); }
        return earlier;
      }
      if (queue.length - head >= options.maxEntries) popOldest();
      const fresh: Entry = { identity: s.identity, sightings: [s], firstT: t };
      const chain = table.get(key);
      if (chain) fresh.next = chain;
      table.set(key, fresh);
      queue.push(fresh);
      return [];
    },
    expire(t: number) { while (head < queue.length && queue[head]!.firstT < t - options.spanSeconds) popOldest(); },
    drain() { while (head < queue.length) popOldest(); },
    get size() { return queue.length - head; },
  };
}

function sighting(n: number, identity: number, src: number, t: number): Sighting {
  const frame = { frame: n, ip: { src } } as unknown as Frame;
  return makeSighting(n % 3, frame, t, { identity, invariant: 0, invariantSpan: 0 });
}

describe('identity window', () => {
  it.each([
    { spanSeconds: 5, maxEntries: 50, maxPerPacket: 4 },
    { spanSeconds: 1000, maxEntries: 3000, maxPerPacket: 32 },
    { spanSeconds: 0.5, maxEntries: 7, maxPerPacket: 2 },
    { spanSeconds: 2, maxEntries: 20, maxPerPacket: 1 },
  ])('answers as the Map version does (%o)', (opts) => {
    let seed = 99;
    const next = () => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return seed / 0x100000000; };
    const expiredA: number[][] = [], expiredB: number[][] = [];
    const a = createIdentityWindow({ ...opts, onExpire: (ss) => expiredA.push(ss.map((s) => s.frame.frame)) });
    const b = referenceWindow({ ...opts, onExpire: (ss) => expiredB.push(ss.map((s) => s.frame.frame)) });
    let t = 0;
    for (let n = 1; n <= 30000; n++) {
      t += next() < 0.05 ? -0.2 : next() * 0.05;
      // Identities that collide in their low 30 bits, and the same identity from two sources.
      const identity = ((Math.floor(next() * 400) | (next() < 0.2 ? 0x40000000 : 0)) >>> 0) + (next() < 0.1 ? 0x80000000 : 0);
      const s = sighting(n, identity >>> 0, next() < 0.9 ? 1 : 2, t);
      expect(a.add(s, t).map((x) => x.frame.frame)).toEqual(b.add(s, t).map((x) => x.frame.frame));
      if (next() < 0.1) { a.expire(t); b.expire(t); }
      expect(a.size).toBe(b.size);
    }
    a.drain();
    b.drain();
    expect(expiredA).toEqual(expiredB);
  });

  it('never pairs two packets whose identity hashes collide', () => {
    const tcp = (n: number, sport: number, seq: number): Sighting => makeSighting(0,
      { frame: n, ip: { version: 4, src: 1, id: 7, protocol: 6, fragmentOffset: 0 }, l4: { kind: 'tcp', sport, seq, ack: 0, flags: 0x10, payloadLength: 0 } } as unknown as Frame,
      n, { identity: 42, invariant: 0, invariantSpan: 0 });
    const w = createIdentityWindow({ spanSeconds: 10, maxEntries: 100, maxPerPacket: 4 });
    expect(w.add(tcp(1, 1000, 5), 1)).toEqual([]);
    // Same hash and source, another port or sequence number: another packet.
    expect(w.add(tcp(2, 1001, 5), 2)).toEqual([]);
    expect(w.add(tcp(3, 1000, 6), 3)).toEqual([]);
    expect(w.add(tcp(4, 1000, 5), 4).map((s) => s.frame.frame)).toEqual([1]);
  });
});
