// The kernel's wrr/rr replay against the exact sequences of dr-wire-spec §3.5(j), which come
// from ip_vs_wrr.c: destinations newest first, every change resets the scan.

import { describe, expect, it } from 'vitest';
import { conformsToScheduler, replayAffordable } from '../../../src/checks/sched/wrr-replay.js';

const A = { id: 'A', weight: 1 }, B = { id: 'B', weight: 2 }, C = { id: 'C', weight: 3 };
const seq = (s: string) => s.split(' ');

describe('wrr replay', () => {
  it('accepts the sequence of "-a A -w 1" then "-a B -w 2" (kernel list B, A)', () => {
    expect(conformsToScheduler('wrr', [A, B], seq('B A B B A B B A B B A B'), [B, A])).toBe(true);
  });
  it('accepts the other insertion order and a scheduler initialised with both present', () => {
    expect(conformsToScheduler('wrr', [A, B], seq('A B B A B B A B B A B B'))).toBe(true);
    expect(conformsToScheduler('wrr', [A, B], seq('B B A B B A B B A B B A'))).toBe(true);
  });
  it('accepts weights 1:2:3 added A, B, C in any phase', () => {
    expect(conformsToScheduler('wrr', [A, B, C], seq('C B A C C B C B A C C B'), [C, B, A])).toBe(true);
    expect(conformsToScheduler('wrr', [A, B, C], seq('C C B C B A C C B'))).toBe(true);
  });
  it('rejects A twice in a row and B three times in a row for 1:2', () => {
    expect(conformsToScheduler('wrr', [A, B], seq('B A A B'))).toBe(false);
    expect(conformsToScheduler('wrr', [A, B], seq('B B B A'))).toBe(false);
  });
  it('replays rr in list order and skips weight 0', () => {
    const Z = { id: 'Z', weight: 0 };
    expect(conformsToScheduler('rr', [A, B, Z], seq('A B A B A'))).toBe(true);
    expect(conformsToScheduler('rr', [A, B, Z], seq('A Z B'))).toBe(false);
  });
  it('declines to replay weights with too many phases', () => {
    const big = Array.from({ length: 6 }, (_, i) => ({ id: `S${i}`, weight: 65_000 + i }));
    expect(replayAffordable('wrr', big, false)).toBe(false);
    expect(replayAffordable('wrr', [A, B, C], false)).toBe(true);
  });
});
