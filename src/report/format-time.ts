/** Seconds with exactly nine decimals, computed without floating point. */
export function formatTimestamp(sec: number, nsec: number): string {
  if (sec >= 0) return `${sec}.${String(nsec).padStart(9, '0')}`;
  // sec is negative and nsec counts forward from it: -2 s + 0.25 s = -1.75 s.
  if (nsec === 0) return `${sec}.000000000`;
  return `-${-sec - 1}.${String(1_000_000_000 - nsec).padStart(9, '0')}`;
}

/** UTC wall-clock time for people, e.g. 2026-11-21 17:46:06.123456789. */
export function formatWallClock(sec: number, nsec: number): string {
  // An invalid Date (beyond ±8.64e12 s, which pcapng timestamps can reach) would throw.
  if (!(Math.abs(sec) <= 8.64e12)) return formatTimestamp(sec, nsec);
  const iso = new Date(sec * 1000).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}.${String(nsec).padStart(9, '0')}`;
}
