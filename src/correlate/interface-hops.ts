// A director with a front and a back interface (VIP on eth0, real servers behind eth1) takes a
// packet in on one MAC and sends it on from another, so the single-MAC forwarding signature
// never appears. Such a hop is a director's when the ingress MAC owns the destination in ARP
// and none of the next hops does (a router hands a VIP's packets to the MAC that owns it), or
// when the destination is a configured VIP and the next hops are configured real servers.
// The hop then counts as a relay of the ingress MAC, and the egress MAC is the same host's.
// A cooked capture (tcpdump -i any) shows the same directly: its host sends from each of its
// interfaces' MACs.

import type { IpAddress, Mac } from '../decode/addresses.js';
import { bump, type CounterMap } from './counter-map.js';
import type { TopologyEvidence } from './topology-evidence.js';
import { isVrrpVirtualMac } from './topology.js';

export type InterfaceHopView = {
  /** The evidence with the directors' two-interface hops added to `relays` and `relayFeeds`. */
  readonly evidence: TopologyEvidence;
  /**
   * A MAC → the other MACs of the same host: the ones a director sent packets on from after
   * taking them in on this one, and the other senders of a cooked capture's own host.
   */
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

/**
 * The MACs a cooked capture's (tcpdump -i any) own host sent from, one per interface: SLL2
 * names the interface of each frame, and a host's interfaces have one MAC each. A host that
 * bridges sends others' frames on too (many MACs on one interface): then, and for SLL v1
 * (no interface index), nothing is claimed.
 */
export function cookedHostMacs(ev: TopologyEvidence, capture: number): Mac[] {
  const senders = ev.cookedSenders[capture];
  if (!senders || senders.size === 0) return [];
  const seen = new Set<number>();
  for (const ifindexes of senders.values()) {
    if (ifindexes.size !== 1) return [];
    const [ifindex] = ifindexes;
    if (seen.has(ifindex!)) return [];
    seen.add(ifindex!);
  }
  return [...senders.keys()];
}

export function withInterfaceHops(
  ev: TopologyEvidence,
  configuredVips: ReadonlySet<IpAddress>,
  configuredRips: ReadonlySet<IpAddress>,
): InterfaceHopView {
  const otherMacs = new Map<Mac, Set<Mac>>();
  const alias = (a: Mac, b: Mac) => {
    let others = otherMacs.get(a);
    if (!others) otherMacs.set(a, (others = new Set()));
    others.add(b);
  };
  ev.cookedSenders.forEach((_, capture) => {
    const macs = cookedHostMacs(ev, capture);
    for (const a of macs) for (const b of macs) if (a !== b) alias(a, b);
  });
  if (ev.interfaceHops.size === 0) return { evidence: ev, otherMacs };
  const arpOwnsRip = (mac: Mac) => [...configuredRips].some((rip) => ev.arpReplies.get(rip)?.has(mac) ?? false);
  // Copied at the first hop that is a director's: a router's hops alone change nothing.
  let relays: Map<IpAddress, Map<Mac, CounterMap<Mac>>> | undefined, relayFeeds: typeof relays;
  for (const [ip, byIngress] of ev.interfaceHops) {
    for (const [ingress, byEgress] of byIngress) {
      for (const [egress, nextHops] of byEgress) {
        const next = [...nextHops.keys()];
        if (next.length === 0 || next.some((m) => m === ingress || m === egress || claims(ev, ip, m))) continue;
        const director = claims(ev, ip, ingress) || (configuredVips.has(ip) && next.every(arpOwnsRip));
        if (!director) continue;
        relays ??= copyNested(ev.relays);
        relayFeeds ??= copyNested(ev.relayFeeds);
        // keepalived's VRRP virtual MAC (use_vmac) is whichever director is master, one after the
        // other: the director is the MAC that sent the packets on, and the virtual MAC no host's.
        const relay = isVrrpVirtualMac(ingress) ? egress : ingress;
        addCounts(relays, ip, relay, nextHops);
        const feeds = ev.interfaceHopFeeds.get(ip)?.get(ingress);
        if (feeds) addCounts(relayFeeds, ip, relay, feeds);
        if (relay === ingress) alias(ingress, egress);
      }
    }
  }
  if (!relays || !relayFeeds) return { evidence: ev, otherMacs };
  return { evidence: { ...ev, relays, relayFeeds }, otherMacs };
}
