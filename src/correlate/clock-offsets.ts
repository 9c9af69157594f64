// Clock offsets between captures from packets seen at two vantage points. Hosts' clocks
// are rarely in sync; the median difference of a packet's timestamps at two captures is
// the offset plus a one-way latency of microseconds on a LAN, which is good enough to
// align captures for matching and for hop latencies.

const MAX_SAMPLES = 4096;

export type OffsetSamples = Map<string, number[]>;

export function addOffsetSample(samples: OffsetSamples, from: number, to: number, delta: number): void {
  if (from === to) return;
  // Key by the ordered pair; store deltas as (t[to] − t[from]).
  const [a, b, d] = from < to ? [from, to, delta] : [to, from, -delta];
  const key = `${a}:${b}`;
  let list = samples.get(key);
  if (!list) samples.set(key, (list = []));
  if (list.length < MAX_SAMPLES) list.push(d);
}

function median(values: number[]): number {
  const sorted = values.slice().sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Offsets (seconds to add to each capture's timestamps) relative to `reference`, found by
 * walking pairs with matched packets outward from it; undefined where no path exists.
 */
export function estimateClockOffsets(samples: OffsetSamples, captures: number, reference: number): (number | undefined)[] {
  const offsets: (number | undefined)[] = new Array(captures).fill(undefined);
  if (captures === 0) return offsets;
  offsets[reference] = 0;
  const pairs = [...samples.entries()].map(([k, v]) => {
    const [a, b] = k.split(':').map(Number) as [number, number];
    return { a, b, delta: median(v), n: v.length };
  }).sort((x, y) => y.n - x.n);
  let changed = true;
  while (changed) {
    changed = false;
    for (const { a, b, delta } of pairs) {
      // t_b − t_a ≈ delta, so aligned(b) = t_b + off_b equals aligned(a) when off_b = off_a − delta.
      if (offsets[a] !== undefined && offsets[b] === undefined) { offsets[b] = offsets[a]! - delta; changed = true; }
      else if (offsets[b] !== undefined && offsets[a] === undefined) { offsets[a] = offsets[b]! + delta; changed = true; }
    }
  }
  return offsets;
}

/** Per capture, how many of its packets were matched in another capture. */
export function matchedCounts(samples: OffsetSamples, captures: number): number[] {
  const counts = new Array<number>(captures).fill(0);
  for (const [k, v] of samples) {
    const [a, b] = k.split(':').map(Number) as [number, number];
    counts[a]! += v.length;
    counts[b]! += v.length;
  }
  return counts;
}

/** The capture with the most matched packets: the natural reference clock. */
export function busiestCapture(samples: OffsetSamples, captures: number): number {
  const counts = matchedCounts(samples, captures);
  let best = 0;
  for (let i = 1; i < captures; i++) if (counts[i]! > counts[best]!) best = i;
  return best;
}
