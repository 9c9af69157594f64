// A director with a front and a back interface (VIP on eth0, real servers behind eth1) takes a
// packet in on one MAC and sends it on from another, so the single-MAC forwarding signature
// never appears. Such a hop is a director's when the ingress MAC owns the destination in ARP
// and none of the next hops does (a router hands a VIP's packets to the MAC that owns it), or
// when the destination is a configured VIP and the next hops are configured real servers.
// The hop then counts as a relay of the ingress MAC, and the egress MAC is the same host's.

import type { IpAddress, Mac } from '../decode/addresses.js';
import { bump, type CounterMap } from './counter-map.js';
import type { TopologyEvidence } from './topology-evidence.js';

export type InterfaceHopView = {
  /** The evidence with the directors' two-interface hops added to `relays` and `relayFeeds`. */
  readonly evidence: TopologyEvidence;
  /** Ingress MAC → the other MACs the same host sent the packets on from. */
  readonly otherMacs: ReadonlyMap<Mac, ReadonlySet<Mac>>;
};

function claims(ev: TopologyEvidence, ip: IpAddress, mac: Mac): boolean {
  return (ev.arpReplies.get(ip)?.has(mac) ?? false) || (ev.arpRequests.get(ip)?.has(mac) ?? false);
}

function addCounts<K>(into: Map<IpAddress, Map<Mac, CounterMap<K>>>, ip: IpAddress, mac: Mac, counts: CounterMap<K>): void {
  let byMac = into.get(ip);
  if (!byMac) into.set(ip, (byMac = new Map()));
  let counter = byMac.get(mac);
  if (!counter) byMac.set(mac, (counter = new Map()));
  for (const [k, n] of counts) bump(counter, k, 4096, n);
}

function copyNested<K>(m: Map<IpAddress, Map<Mac, CounterMap<K>>>): Map<IpAddress, Map<Mac, CounterMap<K>>> {
  return new Map([...m].map(([ip, byMac]) => [ip, new Map([...byMac].map(([mac, c]) => [mac, new Map(c)]))]));
}

export function withInterfaceHops(
  ev: TopologyEvidence,
  configuredVips: ReadonlySet<IpAddress>,
  configuredRips: ReadonlySet<IpAddress>,
): InterfaceHopView {
  const otherMacs = new Map<Mac, Set<Mac>>();
  if (ev.interfaceHops.size === 0) return { evidence: ev, otherMacs };
  const arpOwnsRip = (mac: Mac) => [...configuredRips].some((rip) => ev.arpReplies.get(rip)?.has(mac) ?? false);
  const relays = copyNested(ev.relays);
  const relayFeeds = copyNested(ev.relayFeeds);
  for (const [ip, byIngress] of ev.interfaceHops) {
    for (const [ingress, byEgress] of byIngress) {
      for (const [egress, nextHops] of byEgress) {
        const next = [...nextHops.keys()];
        if (next.length === 0 || next.some((m) => m === ingress || m === egress || claims(ev, ip, m))) continue;
        const director = claims(ev, ip, ingress) || (configuredVips.has(ip) && next.every(arpOwnsRip));
        if (!director) continue;
        addCounts(relays, ip, ingress, nextHops);
        const feeds = ev.interfaceHopFeeds.get(ip)?.get(ingress);
        if (feeds) addCounts(relayFeeds, ip, ingress, feeds);
        let others = otherMacs.get(ingress);
        if (!others) otherMacs.set(ingress, (others = new Set()));
        others.add(egress);
      }
    }
  }
  if (otherMacs.size === 0) return { evidence: ev, otherMacs };
  return { evidence: { ...ev, relays, relayFeeds }, otherMacs };
}
