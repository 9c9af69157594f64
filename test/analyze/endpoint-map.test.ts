// EndpointMap must behave like a Map keyed by (address, number), insertion order included.

import { describe, expect, it } from 'vitest';
import type { IpAddress } from '../../src/decode/addresses.js';
import { EndpointMap } from '../../src/correlate/endpoint-map.js';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => { s = (Math.imul(s, 1103515245) + 12345) >>> 0; return s / 0x100000000; };
}

describe('EndpointMap', () => {
  it('agrees with a Map over random operations, in insertion order', () => {
    const next = rng(7);
    const ips: IpAddress[] = [0xc0000201, 0xc6336402, 3, '2001:db8::1', 'fe80::1'] as IpAddress[];
    const map = new EndpointMap<number>();
    const ref = new Map<string, { ip: IpAddress; x: number; v: number }>();
    for (let step = 0; step < 20000; step++) {
      const ip = ips[Math.floor(next() * ips.length)]!;
      const x = Math.floor(next() * 40) * 0x20000 + (next() < 0.5 ? 0 : 1) + (next() < 0.1 ? 2 ** 32 : 0);
      const key = `${typeof ip}|${ip}|${x}`;
      const op = next();
      if (op < 0.5) {
        map.set(ip, x, step);
        const had = ref.get(key);
        if (had) had.v = step; else ref.set(key, { ip, x, v: step });
      } else if (op < 0.8) {
        map.delete(ip, x);
        ref.delete(key);
      } else if (op < 0.995) {
        expect(map.get(ip, x)).toBe(ref.get(key)?.v);
      } else {
        map.clear();
        ref.clear();
      }
      expect(map.size).toBe(ref.size);
    }
    const order: number[] = [];
    map.forEachOrdered((v) => order.push(v));
    expect(order).toEqual([...ref.values()].map((e) => e.v));
  });

  it('lets the callback delete the value it was given', () => {
    const map = new EndpointMap<number>();
    for (let i = 0; i < 200; i++) map.set(i as IpAddress, i, i);
    const seen: number[] = [];
    map.forEachOrdered((v) => { seen.push(v); if (v % 2 === 0) map.delete(v as IpAddress, v); });
    expect(seen).toEqual([...Array(200).keys()]);
    const left: number[] = [];
    map.forEachOrdered((v) => left.push(v));
    expect(left).toEqual([...Array(200).keys()].filter((v) => v % 2 === 1));
  });
});
