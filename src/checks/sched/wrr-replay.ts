// A replay of the kernel's rr and wrr schedulers (net/netfilter/ipvs/ip_vs_rr.c,
// ip_vs_wrr.c): destinations are walked in list order (newest first), wrr lowers the
// current weight by the weights' gcd after each pass and restarts at the maximum. Which
// order and phase the director was in is unknown, so a sequence conforms when some
// destination order and some starting state reproduce it exactly.

export type Destination = { readonly id: string; readonly weight: number };

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

type WrrState = { cl: number; cw: number };

function wrrNext(list: readonly Destination[], st: WrrState, mw: number, di: number): number | undefined {
  if (mw <= 0) return undefined;
  for (let guard = 0; guard < list.length * (mw / di + 2) + 2; guard++) {
    for (let i = st.cl + 1; i < list.length; i++) {
      if (list[i]!.weight >= st.cw && list[i]!.weight > 0) { st.cl = i; return i; }
    }
    st.cl = -1;
    st.cw -= di;
    if (st.cw <= 0) st.cw = mw;
  }
  return undefined;
}

function rrNext(list: readonly Destination[], st: WrrState): number | undefined {
  for (let k = 1; k <= list.length; k++) {
    const i = (st.cl + k) % list.length;
    if (list[i]!.weight > 0) { st.cl = i; return i; }
  }
  return undefined;
}

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [items.slice()];
  const out: T[][] = [];
  items.forEach((item, i) => {
    for (const rest of permutations([...items.slice(0, i), ...items.slice(i + 1)])) out.push([item, ...rest]);
  });
  return out;
}

/**
 * Whether `observed` (destination ids in scheduling order) can come from the scheduler.
 * `orders`: candidate list orders (newest first); all permutations when the order is unknown.
 */
/** Replays tried at most (orders × starting states); beyond it the caller falls back to shares. */
export const MAX_REPLAYS = 200_000;

/** Whether the exact replay is affordable for these weights (large weights have many phases). */
export function replayAffordable(scheduler: 'rr' | 'wrr', dests: readonly Destination[], knownOrder: boolean): boolean {
  let orders = 1;
  if (!knownOrder) for (let i = 2; i <= dests.length; i++) orders *= i;
  const positive = dests.filter((d) => d.weight > 0);
  const di = positive.reduce((g, d) => gcd(g, d.weight), 0) || 1;
  const phases = scheduler === 'rr' ? 1 : Math.max(1, Math.max(0, ...dests.map((d) => d.weight)) - (di - 1));
  return orders * (dests.length + 1) * phases <= MAX_REPLAYS;
}

export function conformsToScheduler(
  scheduler: 'rr' | 'wrr', dests: readonly Destination[], observed: readonly string[], knownOrder?: readonly Destination[],
): boolean {
  if (observed.length === 0) return true;
  const orders = knownOrder ? [knownOrder] : permutations(dests);
  const positive = dests.filter((d) => d.weight > 0);
  const di = positive.reduce((g, d) => gcd(g, d.weight), 0) || 1;
  const mw = Math.max(0, ...dests.map((d) => d.weight)) - (di - 1);
  for (const list of orders) {
    const starts: WrrState[] = [];
    for (let cl = -1; cl < list.length; cl++) {
      if (scheduler === 'rr') starts.push({ cl, cw: 0 });
      else for (let cw = 1; cw <= Math.max(1, mw); cw++) starts.push({ cl, cw });
    }
    for (const start of starts) {
      const st = { ...start };
      let ok = true;
      for (const id of observed) {
        const i = scheduler === 'rr' ? rrNext(list, st) : wrrNext(list, st, mw, di);
        if (i === undefined || list[i]!.id !== id) { ok = false; break; }
      }
      if (ok) return true;
    }
  }
  return false;
}

/** Connections each destination should get out of `total` under the configured weights. */
export function expectedShares(dests: readonly Destination[], total: number): Map<string, number> {
  const sum = dests.reduce((n, d) => n + Math.max(0, d.weight), 0);
  return new Map(dests.map((d) => [d.id, sum > 0 ? (total * Math.max(0, d.weight)) / sum : 0]));
}
