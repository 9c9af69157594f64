// Shared by the swimlane views: exact differences between "sec.nanos" timestamps, and where a
// time falls on a track of a given width.

export function parseTs(ts: string): { readonly sec: number; readonly nsec: number } | undefined {
  const m = /^(-?)(\d+)(?:\.(\d{1,9}))?$/.exec(ts);
  if (!m) return undefined;
  const sign = m[1] === '-' ? -1 : 1;
  const nsec = Number((m[3] ?? '').padEnd(9, '0'));
  return { sec: sign * Number(m[2]), nsec: sign * nsec };
}

/** Seconds from `b` to `a`, exact to the nanosecond for spans shorter than months. */
export function secondsBetween(a: string, b: string, offsetA = 0, offsetB = 0): number | undefined {
  const pa = parseTs(a);
  const pb = parseTs(b);
  if (!pa || !pb) return undefined;
  return (pa.sec - pb.sec) + (pa.nsec - pb.nsec) / 1e9 + (offsetA - offsetB);
}

export function positionOf(t: number, span: number, width: number): number {
  if (span <= 0 || width <= 1) return 0;
  return Math.min(width - 1, Math.max(0, Math.round((t / span) * (width - 1))));
}

/** The origin of an axis in the unit spanText uses for `span`. */
export function zeroText(span: number): string {
  return Math.abs(span) < 1 ? '0 ms' : '0 s';
}

/** "1.211 ms", "7.112 s" */
export function spanText(seconds: number): string {
  const abs = Math.abs(seconds);
  if (abs < 1) return `${(seconds * 1000).toFixed(3)} ms`;
  return `${seconds.toFixed(3)} s`;
}
