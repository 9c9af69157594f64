// The live state of a watch as the status line shows it: per source packets, rate, drops and
// whether it ended, plus how far the analysis got.

import type { Role } from '../report/report-types.js';
import type { SourceKind } from './live-source.js';

export type SourceState = 'live' | 'ended' | 'failed';

export type SourceStatus = {
  readonly name: string;
  readonly label: string;
  readonly kind: SourceKind;
  readonly state: SourceState;
  readonly packets: number;
  /** Packets per second over the last status interval. */
  readonly rate: number;
  /** Drops the stream reported (pcapng statistics); undefined when it cannot tell. */
  readonly drops?: number;
  /** Why it ended or failed. */
  readonly reason?: string;
};

export type WatchStatus = {
  readonly elapsedMs: number;
  readonly sources: readonly SourceStatus[];
  /** Frames through the checks so far. */
  readonly processed: number;
  /** Frames waiting for slower sources. */
  readonly pending: number;
  /** Vantage points no source covers, so the checks that need them wait. */
  readonly waitingFor: readonly string[];
};

/** What is missing for the checks that need a particular vantage point; empty when some role is not known yet. */
export function vantageGaps(roles: readonly (Role | undefined)[]): string[] {
  if (roles.length === 0 || roles.some((r) => r === undefined || r === 'unknown')) return [];
  const gaps: string[] = [];
  if (!roles.includes('director')) gaps.push('a director');
  if (!roles.includes('real-server')) gaps.push('a real server');
  if (!roles.includes('client') && !roles.includes('router')) gaps.push('the client side');
  return gaps;
}

/** "director 1.2k pkts 40/s" style counts. */
export function compactCount(n: number): string {
  if (n < 1000) return String(Math.round(n));
  if (n < 1_000_000) return `${(n / 1000).toFixed(n < 10_000 ? 1 : 0)}k`;
  return `${(n / 1_000_000).toFixed(1)}M`;
}
