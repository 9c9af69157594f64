// Whether a capture holds traffic other than the VIP's and VRRP. A capture filtered on the VIP
// (tcpdump 'host VIP or arp or vrrp') holds none, and cannot show what a host sends from its own
// address: a real server's reply from its RIP, the directors' IPVS sync messages. A quiet
// network may hold no other IP traffic either, but it holds ARP for the hosts' own addresses,
// unless the filter is on the VIP alone ('host VIP').

import type { Sighting } from '../correlate/sighting.js';
import type { CheckContext } from './check-api.js';

export type OtherTrafficTracker = {
  /** Feed every IP (and ARP) sighting; cheap once every capture has shown other traffic. */
  observe(s: Sighting): void;
  holdsOtherTraffic(capture: number): boolean;
  /** Whether any capture does. */
  anyHoldsOtherTraffic(): boolean;
};

export type OtherTrafficOptions = {
  /** ARP about an address that is not a VIP counts as other traffic. */
  readonly arp: boolean;
};

export function createOtherTrafficTracker(ctx: CheckContext<string>, options: OtherTrafficOptions): OtherTrafficTracker {
  const holds = ctx.captures.map(() => false);
  let count = 0;
  return {
    observe(s) {
      if (count === holds.length || holds[s.capture]) return;
      const ip = s.frame.ip, arp = s.frame.arp;
      const isVip = ctx.topology.isVip;
      if (ip) {
        if (s.frame.l4?.kind === 'vrrp' || isVip(ip.src) || isVip(ip.dst)) return;
      } else if (!arp || !options.arp || isVip(arp.spa) || isVip(arp.tpa)) {
        return;
      }
      holds[s.capture] = true;
      count++;
    },
    holdsOtherTraffic: (capture) => holds[capture] === true,
    anyHoldsOtherTraffic: () => count > 0,
  };
}
