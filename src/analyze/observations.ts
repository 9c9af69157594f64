// Facts the report shows besides findings: who owned each VIP in ARP over time, and how
// new connections were spread over the real servers. Bounded per VIP.

import type { IpAddress, Mac } from '../decode/addresses.js';
import { servingDirectorOf } from '../correlate/local-node.js';
import type { Connection } from '../correlate/connections.js';
import { EndpointMap } from '../correlate/endpoint-map.js';
import { dstMacOf, srcMacOf, type Sighting } from '../correlate/sighting.js';
import type { TopologyView } from '../correlate/topology.js';

const MAX_EVENTS_PER_VIP = 200;

export type ArpOwnershipEvent = {
  readonly kind: 'reply' | 'announcement' | 'traffic';
  readonly mac: Mac;
  readonly sighting: Sighting;
};

export type DistributionEntry = {
  readonly vip: IpAddress;
  readonly protocol: 'tcp' | 'udp';
  readonly port: number;
  readonly perMac: Map<Mac, number>;
  /** New connections whose real server could not be seen. */
  unknown: number;
};

export type FailoverEvent = {
  readonly kind: 'vrrp-master' | 'vrrp-resign' | 'garp' | 'vip-mac-switch' | 'connection-reset';
  readonly sighting: Sighting;
  readonly mac?: Mac;
  readonly ip?: IpAddress;
  readonly vrid?: number;
  readonly detail: string;
};

export type Observations = {
  readonly arp: ReadonlyMap<IpAddress, readonly ArpOwnershipEvent[]>;
  readonly distribution: readonly DistributionEntry[];
  readonly failover: readonly FailoverEvent[];
};

const MAX_FAILOVER_EVENTS = 500;
const TCP_RST = 0x04;

/** `carry` continues the collections of an earlier observer (after a topology change). */
export function createObservers(topology: TopologyView, carry?: Observations) {
  const arp = new Map<IpAddress, ArpOwnershipEvent[]>(carry ? [...carry.arp].map(([k, v]) => [k, [...v]]) : []);
  // Keyed by (VIP, capture) without a string per frame.
  const lastTrafficMac = new EndpointMap<Mac>();
  const failover: FailoverEvent[] = carry ? [...carry.failover] : [];
  const vrrpRuns = new Map<string, number>();
  let lastGarp: { mac: Mac; t: number } | undefined;
  const note = (e: FailoverEvent) => { if (failover.length < MAX_FAILOVER_EVENTS) failover.push(e); };
  const distribution = new Map<string, DistributionEntry>(carry ? carry.distribution.map((d) => [`${d.vip}|${d.protocol}|${d.port}`, d]) : []);

  const lastTrafficMacSeen = new EndpointMap<true>();

  // VRRP runs starting or resigning, gratuitous ARP bursts for a VIP, RSTs from a VIP by a director.
  function failoverMoments(s: Sighting): void {
    const f = s.frame, l4 = f.l4, ip = f.ip;
    if (l4?.kind === 'vrrp' && ip) {
      const key = `${l4.vrid}|${ip.src}`;
      const last = vrrpRuns.get(key);
      vrrpRuns.set(key, s.t);
      if (l4.priority === 0) note({ kind: 'vrrp-resign', sighting: s, ip: ip.src, vrid: l4.vrid, ...(srcMacOf(s) !== undefined ? { mac: srcMacOf(s)! } : {}), detail: `priority 0: gives up VRID ${l4.vrid}` });
      else if (last === undefined || s.t - last > 3 * (l4.intervalCs / 100) + 1) {
        note({ kind: 'vrrp-master', sighting: s, ip: ip.src, vrid: l4.vrid, ...(srcMacOf(s) !== undefined ? { mac: srcMacOf(s)! } : {}), detail: `starts advertising VRID ${l4.vrid} with priority ${l4.priority}` });
      }
      return;
    }
    const a = f.arp;
    if (a && a.spa === a.tpa && topology.isVip(a.spa)) {
      if (!lastGarp || lastGarp.mac !== a.sha || s.t - lastGarp.t > 1) note({ kind: 'garp', sighting: s, mac: a.sha, ip: a.spa, detail: `gratuitous ARP: ${topology.labelOfMac(a.sha)} announces the VIP` });
      lastGarp = { mac: a.sha, t: s.t };
      return;
    }
    if (ip && l4?.kind === 'tcp' && l4.flags & TCP_RST && topology.isVip(ip.src) && topology.isDirectorMac(srcMacOf(s))) {
      note({ kind: 'connection-reset', sighting: s, ip: ip.dst, ...(srcMacOf(s) !== undefined ? { mac: srcMacOf(s)! } : {}), detail: `a director resets the client's connection (port ${l4.dport}): it has no IPVS entry for it` });
    }
  }

  function push(vip: IpAddress, e: ArpOwnershipEvent): void {
    let list = arp.get(vip);
    if (!list) arp.set(vip, (list = []));
    if (list.length < MAX_EVENTS_PER_VIP) list.push(e);
  }

  return {
    sighting(s: Sighting, earlier: readonly Sighting[]): void {
      const f = s.frame;
      if (earlier.length === 0) failoverMoments(s);
      if (f.arp) {
        if (!topology.isVip(f.arp.spa)) return;
        // A broadcast ARP is seen at every vantage; record it once.
        if (earlier.length === 0 || f.arp.op === 2) push(f.arp.spa, { kind: f.arp.op === 2 ? 'reply' : 'announcement', mac: f.arp.sha, sighting: s });
        return;
      }
      const ip = f.ip, dst = dstMacOf(s);
      if (!ip || dst === undefined || !topology.isVip(ip.dst) || f.tunnel !== undefined) return;
      // Traffic leaving a director, or sent to a client's gateway, says nothing about who owns the VIP.
      if (topology.isDirectorMac(srcMacOf(s)) || topology.isRouterMac(dst)) return;
      if (lastTrafficMac.get(ip.dst, s.capture) === dst) return;
      lastTrafficMac.set(ip.dst, s.capture, dst);
      push(ip.dst, { kind: 'traffic', mac: dst, sighting: s });
      if (lastTrafficMacSeen.get(ip.dst, s.capture)) note({ kind: 'vip-mac-switch', sighting: s, mac: dst, ip: ip.dst, detail: `traffic for the VIP now goes to ${topology.labelOfMac(dst)}` });
      lastTrafficMacSeen.set(ip.dst, s.capture, true);
    },
    connection(c: Connection): void {
      if (c.protocol === 'tcp' && !c.startedWithSyn) return;
      const key = `${c.vip}|${c.protocol}|${c.vport}`;
      let entry = distribution.get(key);
      if (!entry) distribution.set(key, (entry = { vip: c.vip, protocol: c.protocol, port: c.vport, perMac: new Map(), unknown: 0 }));
      // A director serving the connection itself (LocalNode) counts as the server it is.
      const rs = c.realServerMacs[0] ?? c.replies.map(srcMacOf).find((m) => topology.isRealServerMac(m)) ?? servingDirectorOf(c, topology);
      if (rs === undefined) entry.unknown++;
      else entry.perMac.set(rs, (entry.perMac.get(rs) ?? 0) + 1);
    },
    result(): Observations {
      return { arp, distribution: [...distribution.values()], failover };
    },
  };
}
