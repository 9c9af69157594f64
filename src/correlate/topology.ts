// The deployment as the analysis understands it: who is the director, which addresses are
// VIPs, which MACs are real servers. Built by infer-topology.ts from the captures and any
// configuration given; read by checks through TopologyView.

import { formatIp, formatMac, type IpAddress, type Mac } from '../decode/addresses.js';
import type { Role } from '../report/report-types.js';

export type HostInfo = {
  /** Label used in messages: the capture name when we have its capture, else role and address. */
  readonly name: string;
  readonly role: Role;
  readonly mac?: Mac;
  /** The host's other interfaces' MACs (a director with a front and a back NIC). */
  readonly otherMacs?: readonly Mac[];
  /** The host's own addresses (RIP, DIP, router IP, CIP), VIPs excluded. */
  readonly ips: readonly IpAddress[];
  /** Index of the capture taken on this host, when there is one. */
  readonly capture?: number;
  /** Configured weight (real servers, from --ipvsadm / --keepalived / --topology). */
  readonly weight?: number;
  /** A director seen forwarding in IP-in-IP tunnels (LVS-TUN): the addresses it tunnels to. */
  readonly tunnelsTo?: readonly IpAddress[];
};

export type ServicePort = { readonly protocol: 'tcp' | 'udp'; readonly port: number };

export type Vip = {
  readonly ip: IpAddress;
  readonly ports: readonly ServicePort[];
  readonly scheduler?: string;
};

export type Topology = {
  readonly vips: readonly Vip[];
  readonly directors: readonly HostInfo[];
  readonly realServers: readonly HostInfo[];
  readonly routers: readonly HostInfo[];
  readonly clients: readonly HostInfo[];
  /** Sentences: what was inferred from which evidence. */
  readonly evidence: readonly string[];
};

export const EMPTY_TOPOLOGY: Topology = { vips: [], directors: [], realServers: [], routers: [], clients: [], evidence: [] };

/** keepalived's VRRP virtual MAC (use_vmac): 00:00:5e:00:01:VRID belongs to whichever director is master. */
export function isVrrpVirtualMac(mac: Mac): boolean {
  // Math.floor(mac / 0x100) === 0x00005e0001, without the division.
  return mac >= 0x00005e000100 && mac <= 0x00005e0001ff;
}

export type TopologyView = Topology & {
  isVip(ip: IpAddress): boolean;
  isServicePort(ip: IpAddress, protocol: 'tcp' | 'udp', port: number): boolean;
  isDirectorMac(mac: Mac | undefined): boolean;
  isRealServerMac(mac: Mac | undefined): boolean;
  isRouterMac(mac: Mac | undefined): boolean;
  isClientIp(ip: IpAddress): boolean;
  hostByMac(mac: Mac | undefined): HostInfo | undefined;
  hostByIp(ip: IpAddress | undefined): HostInfo | undefined;
  /** Whether two MACs are one host's: equal, or two interfaces of one director. */
  isSameHost(a: Mac | undefined, b: Mac | undefined): boolean;
  /** A readable label for a MAC: the host name when known, else the MAC itself. */
  labelOfMac(mac: Mac | undefined): string;
};

/**
 * Set membership as a predicate. These are asked several times per frame, and a few numbers
 * compared in a loop beat hashing a 48-bit MAC or an address above 2^31 (a heap number).
 */
function memberOf<T extends number | string>(set: ReadonlySet<T>): (x: T) => boolean {
  if (set.size > 8) return (x) => set.has(x);
  const list = [...set];
  return (x) => {
    for (let i = 0; i < list.length; i++) if (list[i] === x) return true;
    return false;
  };
}

/** Every MAC of a host: its own and its other interfaces'. */
export function macsOf(h: HostInfo): Mac[] {
  return h.mac === undefined ? [...(h.otherMacs ?? [])] : [h.mac, ...(h.otherMacs ?? [])];
}

export function viewOf(t: Topology): TopologyView {
  const vipSet = new Set<IpAddress>(t.vips.map((v) => v.ip));
  const byMac = new Map<Mac, HostInfo>();
  const byIp = new Map<IpAddress, HostInfo>();
  for (const list of [t.clients, t.routers, t.realServers, t.directors]) {
    for (const h of list) {
      for (const mac of macsOf(h)) byMac.set(mac, h);
      for (const ip of h.ips) byIp.set(ip, h);
    }
  }
  const directorMacs = new Set(t.directors.flatMap(macsOf));
  const rsMacs = new Set(t.realServers.flatMap(macsOf));
  const routerMacs = new Set(t.routers.flatMap(macsOf));
  const clientIps = new Set(t.clients.flatMap((c) => c.ips));
  const hasOtherMacs = [t.clients, t.routers, t.realServers, t.directors].some((list) => list.some((h) => h.otherMacs?.length));
  const isDirector = memberOf(directorMacs), isRealServer = memberOf(rsMacs), isRouter = memberOf(routerMacs);
  return {
    ...t,
    isVip: memberOf(vipSet),
    // Loops, not some(): asked for every request packet, and a closure per call adds up.
    isServicePort: (ip, protocol, port) => {
      for (const v of t.vips) {
        if (v.ip !== ip) continue;
        if (v.ports.length === 0) return true;
        for (const p of v.ports) if (p.protocol === protocol && (p.port === port || p.port === 0)) return true;
      }
      return false;
    },
    isDirectorMac: (mac) => mac !== undefined && (isDirector(mac) || isVrrpVirtualMac(mac)),
    isRealServerMac: (mac) => mac !== undefined && isRealServer(mac),
    isRouterMac: (mac) => mac !== undefined && isRouter(mac),
    isClientIp: memberOf(clientIps),
    hostByMac: (mac) => (mac === undefined ? undefined : byMac.get(mac)),
    hostByIp: (ip) => (ip === undefined ? undefined : byIp.get(ip)),
    // Most deployments have no host with two MACs: then only equal MACs are one host's.
    isSameHost: !hasOtherMacs ? (a, b) => a === b && a !== undefined : (a, b) => {
      if (a === b) return a !== undefined;
      if (a === undefined || b === undefined) return false;
      const host = byMac.get(a);
      return host?.otherMacs !== undefined && host === byMac.get(b);
    },
    labelOfMac: (mac) => {
      if (mac === undefined) return 'an unknown host';
      const h = byMac.get(mac);
      return h ? `${h.name} (${formatMac(mac)})` : formatMac(mac);
    },
  };
}

export function hostLabel(h: HostInfo): string {
  const ip = h.ips[0];
  return ip === undefined ? h.name : `${h.name} (${formatIp(ip)})`;
}
