import { describe, expect, it } from 'vitest';
import type { Mac } from '../../../src/decode/addresses.js';
import { createEgressState, EGRESS_DECISION_SECONDS } from '../../../src/checks/forward/egress-state.js';
import { MAX_EVIDENCE } from '../../../src/analyze/findings.js';

const A = 0x020000000202 as Mac, B = 0x020000000203 as Mac;
type Draft = { readonly kind: 'dropped' | 'unseen'; readonly n: number };
const hidden = (d: Draft): Draft => ({ kind: 'unseen', n: d.n });

function setup() {
  const sent: Draft[] = [];
  const state = createEgressState<Draft>((d) => sent.push(d), hidden);
  return { sent, state };
}

describe('egress state of the directors for forward/not-forwarded', () => {
  it('holds reports until a forwarded copy shows, then sends them as they are', () => {
    const { sent, state } = setup();
    state.report(A, { kind: 'dropped', n: 1 }, 0);
    state.report(A, { kind: 'dropped', n: 2 }, 1);
    expect(sent).toEqual([]);
    state.seen(A, 'visible');
    expect(sent).toEqual([{ kind: 'dropped', n: 1 }, { kind: 'dropped', n: 2 }]);
    state.report(A, { kind: 'dropped', n: 3 }, 2);
    expect(sent.at(-1)).toEqual({ kind: 'dropped', n: 3 });
  });

  it('converts what waited, and what follows, once the forwarding is shown to be out of sight', () => {
    const { sent, state } = setup();
    state.report(A, { kind: 'dropped', n: 1 }, 0);
    state.seen(A, 'hidden', { kind: 'unseen', n: 0 });
    state.report(A, { kind: 'dropped', n: 2 }, 1);
    expect(sent).toEqual([{ kind: 'unseen', n: 0 }, { kind: 'unseen', n: 1 }, { kind: 'unseen', n: 2 }]);
    // The first decision stands.
    state.seen(A, 'visible');
    expect(state.statusOf(A)).toBe('hidden');
  });

  it('keeps each director apart, keeps the first reports whole and counts the rest', () => {
    const { sent, state } = setup();
    for (let n = 0; n < MAX_EVIDENCE + 5; n++) state.report(A, { kind: 'dropped', n }, 0);
    state.report(B, { kind: 'dropped', n: 100 }, 0);
    state.seen(B, 'visible');
    expect(sent).toEqual([{ kind: 'dropped', n: 100 }]);
    state.end();
    expect(sent).toHaveLength(1 + MAX_EVIDENCE + 5);
    expect(sent.slice(1, 1 + MAX_EVIDENCE).map((d) => d.n)).toEqual([...Array(MAX_EVIDENCE).keys()]);
    expect(new Set(sent.slice(1 + MAX_EVIDENCE).map((d) => d.n))).toEqual(new Set([MAX_EVIDENCE + 4]));
  });

  it(`decides "visible" after ${EGRESS_DECISION_SECONDS} s of capture time without a decision`, () => {
    const { sent, state } = setup();
    state.report(A, { kind: 'dropped', n: 1 }, 10);
    state.report(A, { kind: 'dropped', n: 2 }, 10 + EGRESS_DECISION_SECONDS);
    expect(sent).toEqual([]);
    state.report(A, { kind: 'dropped', n: 3 }, 10.5 + EGRESS_DECISION_SECONDS);
    expect(sent.map((d) => d.n)).toEqual([1, 2, 3]);
    expect(state.statusOf(A)).toBe('visible');
  });
});
