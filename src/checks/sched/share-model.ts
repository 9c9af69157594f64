// What the kernel's schedulers other than rr/wrr promise about shares of new connections, as
// far as captures can judge it. Each follows its net/netfilter/ipvs/ip_vs_<name>.c.

import type { Destination } from './wrr-replay.js';

export type ShareModel =
  /** Shares in proportion to the weights (wrr; wlc, sed, nq, twos: the weight divides the cost). */
  | 'weighted'
  /** Equal shares among destinations of weight > 0 (lc, rr: ip_vs_lc.c and ip_vs_rr.c skip weight 0 and ignore weights otherwise). */
  | 'equal'
  /** Everything to the highest-weight destination (fo: ip_vs_fo.c, while it is not overloaded). */
  | 'highest-weight'
  /** Weighted over client addresses, not connections (sh, mh hash the source address). */
  | 'per-client'
  /**
   * Not judged: dh, lblc and lblcr choose by destination address, which in DR is the VIP for
   * every connection; ovf depends on active connection counts a capture does not show; unknown
   * names.
   */
  | 'none';

const MODELS: Readonly<Record<string, ShareModel>> = {
  // rr and wrr are replayed exactly (wrr-replay.ts); these are for lists too long to replay.
  rr: 'equal', wrr: 'weighted',
  wlc: 'weighted', sed: 'weighted', nq: 'weighted', twos: 'weighted',
  lc: 'equal',
  fo: 'highest-weight',
  sh: 'per-client', mh: 'per-client',
};

export function shareModelOf(scheduler: string): ShareModel {
  return MODELS[scheduler] ?? 'none';
}

/** Connections (or clients) each destination should get out of `total` under `model`. */
export function expectedSharesOf(model: ShareModel, dests: readonly Destination[], total: number): Map<string, number> {
  const live = dests.filter((d) => d.weight > 0);
  const top = Math.max(0, ...live.map((d) => d.weight));
  const topCount = live.filter((d) => d.weight === top).length;
  const share = (d: Destination): number => {
    if (d.weight <= 0) return 0;
    switch (model) {
      case 'equal': return total / live.length;
      // Ties: ip_vs_fo.c takes the first of them in its list; either may be it.
      case 'highest-weight': return d.weight === top ? total / topCount : 0;
      default: return (total * d.weight) / live.reduce((n, x) => n + x.weight, 0);
    }
  };
  return new Map(dests.map((d) => [d.id, live.length > 0 ? share(d) : 0]));
}

/** Whether the observed destinations (one per connection or client) fit the model's shares. */
export function sharesConform(model: ShareModel, dests: readonly Destination[], observed: readonly string[]): boolean {
  const expected = expectedSharesOf(model, dests, observed.length);
  if (model === 'highest-weight') return observed.every((id) => (expected.get(id) ?? 0) > 0);
  // Within a 3-sigma band of the expected count (binomial spread, at least 1) plus 2.
  return dests.every((d) => {
    const o = observed.filter((x) => x === d.id).length, e = expected.get(d.id) ?? 0;
    return Math.abs(o - e) <= 3 * Math.sqrt(Math.max(e, 1)) + 2;
  });
}
