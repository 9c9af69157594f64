// The shares the kernel's schedulers promise, beyond rr/wrr's exact replay.

import { describe, expect, it } from 'vitest';
import { expectedSharesOf, shareModelOf, sharesConform } from '../../../src/checks/sched/share-model.js';

const dests = [{ id: 'a', weight: 1 }, { id: 'b', weight: 2 }, { id: 'z', weight: 0 }];
const seq = (a: number, b: number) => [...Array<string>(a).fill('a'), ...Array<string>(b).fill('b')];

describe('share models', () => {
  it('follows each scheduler\'s kernel code', () => {
    expect(['wlc', 'sed', 'nq', 'twos', 'wrr'].map(shareModelOf)).toEqual(Array(5).fill('weighted'));
    expect(['lc', 'rr'].map(shareModelOf)).toEqual(['equal', 'equal']);
    expect(shareModelOf('fo')).toBe('highest-weight');
    expect(['sh', 'mh'].map(shareModelOf)).toEqual(['per-client', 'per-client']);
    // By destination address (always the VIP in DR), or by active counts a capture cannot show.
    expect(['dh', 'lblc', 'lblcr', 'ovf', 'nonsense'].map(shareModelOf)).toEqual(Array(5).fill('none'));
  });

  it('expects weighted, equal or highest-weight shares, never to a weight-0 destination', () => {
    expect([...expectedSharesOf('weighted', dests, 30)]).toEqual([['a', 10], ['b', 20], ['z', 0]]);
    expect([...expectedSharesOf('equal', dests, 30)]).toEqual([['a', 15], ['b', 15], ['z', 0]]);
    expect([...expectedSharesOf('highest-weight', dests, 30)]).toEqual([['a', 0], ['b', 30], ['z', 0]]);
    expect([...expectedSharesOf('weighted', [{ id: 'z', weight: 0 }], 5)]).toEqual([['z', 0]]);
  });

  it('judges observed sequences within the band', () => {
    expect(sharesConform('weighted', dests, seq(10, 20))).toBe(true);
    expect(sharesConform('weighted', dests, seq(15, 15))).toBe(true);
    expect(sharesConform('weighted', dests, seq(30, 0))).toBe(false);
    expect(sharesConform('equal', dests, seq(15, 15))).toBe(true);
    expect(sharesConform('equal', dests, seq(0, 30))).toBe(false);
    expect(sharesConform('highest-weight', dests, seq(0, 30))).toBe(true);
    expect(sharesConform('highest-weight', dests, seq(1, 29))).toBe(false);
  });
});
