// VRRP advertisements as a per-VRID timeline of advertisers, shared by the VRRP checks.
// A multicast advert is seen at every vantage on the segment: sightings of one advert
// (same source within a fraction of the interval) count once.

import type { IpAddress, Mac } from '../../decode/addresses.js';
import type { VrrpAdvert } from '../../decode/frame-types.js';
import { srcMacOf, type Sighting } from '../../correlate/sighting.js';
import type { CaptureView } from '../check-api.js';

export type Advertiser = {
  readonly ip: IpAddress;
  readonly mac: Mac | undefined;
  priority: number;
  intervalS: number;
  /** Aligned time of the first advert of the current uninterrupted run. */
  since: number;
  last: number;
  readonly first: Sighting;
};

export type AdvertEvent = { readonly advert: VrrpAdvert; readonly from: Advertiser; readonly t: number; readonly sighting: Sighting; readonly fresh: boolean };

/** keepalived's master-down interval: 3 × interval + skew, skew = (256 − priority) / 256 s (v2). */
export function masterDownSeconds(a: { priority: number; intervalS: number }): number {
  return 3 * a.intervalS + (256 - a.priority) / 256;
}

export function alignedTime(s: Sighting, captures: readonly CaptureView[]): number {
  return s.t + (captures[s.capture]!.clockOffset ?? 0);
}

export function createAdvertTracker(captures: readonly CaptureView[]) {
  const byVrid = new Map<number, Map<IpAddress, Advertiser>>();
  return {
    /** Records an advert; undefined for a duplicate sighting of one already counted. */
    observe(s: Sighting): AdvertEvent | undefined {
      const l4 = s.frame.l4, ip = s.frame.ip;
      if (!ip || !l4 || l4.kind !== 'vrrp') return undefined;
      const t = alignedTime(s, captures);
      let sources = byVrid.get(l4.vrid);
      if (!sources) {
        if (byVrid.size >= 256) return undefined;
        byVrid.set(l4.vrid, (sources = new Map()));
      }
      const intervalS = Math.max(0.01, l4.intervalCs / 100);
      let a = sources.get(ip.src);
      if (a && t - a.last < intervalS * 0.3 && t >= a.last) return undefined;
      let fresh = false;
      if (!a) {
        if (sources.size >= 64) return undefined;
        a = { ip: ip.src, mac: srcMacOf(s), priority: l4.priority, intervalS, since: t, last: t, first: s };
        sources.set(ip.src, a);
        fresh = true;
      } else {
        if (t - a.last > masterDownSeconds(a)) { a.since = t; fresh = true; }
        a.last = t; a.priority = l4.priority; a.intervalS = intervalS;
      }
      return { advert: l4, from: a, t, sighting: s, fresh };
    },
    /** Advertisers of `vrid` still considered active at time t (priority-0 resignations excluded). */
    active(vrid: number, t: number): Advertiser[] {
      return [...(byVrid.get(vrid)?.values() ?? [])].filter((a) => a.priority > 0 && t - a.last <= masterDownSeconds(a));
    },
    all(vrid: number): Advertiser[] {
      return [...(byVrid.get(vrid)?.values() ?? [])];
    },
    vrids(): number[] {
      return [...byVrid.keys()];
    },
  };
}
