// Small bounded counting maps for evidence gathering: once `limit` keys exist, new keys
// are ignored (the first hosts seen are the ones that matter; memory stays bounded).

export type CounterMap<K> = Map<K, number>;

export function bump<K>(m: CounterMap<K>, key: K, limit = 4096, by = 1): void {
  const v = m.get(key);
  if (v !== undefined) m.set(key, v + by);
  else if (m.size < limit) m.set(key, by);
}

export function nestedBump<K, L>(m: Map<K, CounterMap<L>>, a: K, b: L, limit = 4096): void {
  let inner = m.get(a);
  if (!inner) {
    if (m.size >= limit) return;
    inner = new Map();
    m.set(a, inner);
  }
  bump(inner, b, limit);
}

export function argMax<K>(m: CounterMap<K> | undefined): K | undefined {
  if (!m) return undefined;
  let best: K | undefined, bestN = -1;
  for (const [k, n] of m) if (n > bestN) { best = k; bestN = n; }
  return best;
}

export function sortedByCount<K>(m: CounterMap<K> | undefined): K[] {
  return m ? [...m.entries()].sort((a, b) => b[1] - a[1]).map(([k]) => k) : [];
}
