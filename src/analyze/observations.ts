// Facts the report shows besides findings: who owned each VIP in ARP over time, and how
// new connections were spread over the real servers. Bounded per VIP.

import type { IpAddress, Mac } from '../decode/addresses.js';
import type { Connection } from '../correlate/connections.js';
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

export type Observations = {
  readonly arp: ReadonlyMap<IpAddress, readonly ArpOwnershipEvent[]>;
  readonly distribution: readonly DistributionEntry[];
};

/** `carry` continues the collections of an earlier observer (after a topology change). */
export function createObservers(topology: TopologyView, carry?: Observations) {
  const arp = new Map<IpAddress, ArpOwnershipEvent[]>(carry ? [...carry.arp].map(([k, v]) => [k, [...v]]) : []);
  const lastTrafficMac = new Map<string, Mac>();
  const distribution = new Map<string, DistributionEntry>(carry ? carry.distribution.map((d) => [`${d.vip}|${d.protocol}|${d.port}`, d]) : []);

  function push(vip: IpAddress, e: ArpOwnershipEvent): void {
    let list = arp.get(vip);
    if (!list) arp.set(vip, (list = []));
    if (list.length < MAX_EVENTS_PER_VIP) list.push(e);
  }

  return {
    sighting(s: Sighting, earlier: readonly Sighting[]): void {
      const f = s.frame;
      if (f.arp) {
        if (!topology.isVip(f.arp.spa)) return;
        // A broadcast ARP is seen at every vantage; record it once.
        if (earlier.length === 0 || f.arp.op === 2) push(f.arp.spa, { kind: f.arp.op === 2 ? 'reply' : 'announcement', mac: f.arp.sha, sighting: s });
        return;
      }
      const ip = f.ip, dst = dstMacOf(s);
      if (!ip || dst === undefined || !topology.isVip(ip.dst)) return;
      if (topology.isDirectorMac(srcMacOf(s))) return;
      const key = `${s.capture}|${ip.dst}`;
      if (lastTrafficMac.get(key) === dst) return;
      lastTrafficMac.set(key, dst);
      push(ip.dst, { kind: 'traffic', mac: dst, sighting: s });
    },
    connection(c: Connection): void {
      if (c.protocol === 'tcp' && !c.startedWithSyn) return;
      const key = `${c.vip}|${c.protocol}|${c.vport}`;
      let entry = distribution.get(key);
      if (!entry) distribution.set(key, (entry = { vip: c.vip, protocol: c.protocol, port: c.vport, perMac: new Map(), unknown: 0 }));
      const rs = c.realServerMacs[0] ?? c.replies.map(srcMacOf).find((m) => topology.isRealServerMac(m));
      if (rs === undefined) entry.unknown++;
      else entry.perMac.set(rs, (entry.perMac.get(rs) ?? 0) + 1);
    },
    result(): Observations {
      return { arp, distribution: [...distribution.values()] };
    },
  };
}
