// Zero-configuration topology inference. The strongest clue is the director's forwarding
// signature: the same packet arriving addressed to MAC B and leaving B toward MAC C with
// the destination IP unchanged, where C consumes it (does not relay it further). Then B is
// a director, the destination is a VIP and C a real server. ARP claims name the hosts'
// own addresses; service replies sourced from the VIP by other MACs confirm the real
// servers. Configuration (--ipvsadm, --keepalived, --topology) adds to and overrides it.

import { formatIp, formatMac, type IpAddress, type Mac } from '../decode/addresses.js';
import type { Role } from '../report/report-types.js';
import { argMax, sortedByCount, type CounterMap } from './counter-map.js';
import { inferRoleFromName } from '../config/roles.js';
import { captureHostCandidates, type TopologyEvidence } from './topology-evidence.js';
import { cookedHostMacs, withInterfaceHops } from './interface-hops.js';
import { isLoopback } from './local-node.js';
import { isVrrpVirtualMac, type HostInfo, type ServicePort, type Topology, type Vip } from './topology.js';

export type CaptureIdentity = { readonly name: string; readonly roleHint?: Role };

export type ConfiguredRealServer = {
  readonly ip: IpAddress;
  readonly weight?: number;
  /** 1-based position as listed in the configuration. */
  readonly order?: number;
};

export type ConfiguredService = {
  readonly vip: IpAddress;
  readonly protocol: 'tcp' | 'udp';
  readonly port: number;
  readonly scheduler?: string;
  readonly persistence?: { readonly timeoutSeconds: number; readonly netmask?: string };
  /** One-packet scheduling (ipvsadm --ops): every datagram is scheduled on its own, no connection entry. */
  readonly onePacket?: boolean;
  readonly realServers: readonly ConfiguredRealServer[];
  /** keepalived's sorry_server: a destination only while no real server is in the table. */
  readonly sorryServer?: IpAddress;
  /** What the listed order says about the kernel's (newest-first) destination list. */
  readonly orderBasis?: 'added' | 'sorted' | 'kernel' | 'declared';
  /** Where it came from, e.g. "ipvsadm-S.txt line 3". */
  readonly source?: string;
};

export type ConfiguredVrrp = {
  readonly name: string;
  readonly vrid: number;
  readonly priority: number;
  readonly version: 2 | 3;
  readonly advertIntSeconds: number;
  readonly vips: readonly IpAddress[];
};

export type ConfiguredTopology = {
  readonly services: readonly ConfiguredService[];
  readonly hosts: readonly { readonly name?: string; readonly ip?: IpAddress; readonly mac?: Mac; readonly role: Role }[];
  /** VIPs declared without a virtual service: keepalived's virtual_ipaddress, --vip. */
  readonly declaredVips: readonly IpAddress[];
  readonly vrrp?: readonly ConfiguredVrrp[];
  readonly sources: readonly string[];
};

export const NO_CONFIGURATION: ConfiguredTopology = { services: [], hosts: [], declaredVips: [], sources: [] };

const ROLE_LABELS: Record<Role, string> = { client: 'client', router: 'router', director: 'director', 'real-server': 'real server', unknown: 'host' };

export type InferredCaptureHost = { readonly mac?: Mac; readonly role: Role; readonly name: string };

export type Inference = {
  readonly topology: Topology;
  readonly captureHosts: readonly InferredCaptureHost[];
};

function arpOwnedIps(ev: TopologyEvidence, mac: Mac, exclude: ReadonlySet<IpAddress>): IpAddress[] {
  const out: IpAddress[] = [];
  for (const table of [ev.arpReplies, ev.arpRequests]) {
    for (const [ip, macs] of table) if (macs.has(mac) && !exclude.has(ip) && !out.includes(ip)) out.push(ip);
  }
  return out;
}

function arpOwnerOf(ev: TopologyEvidence, ip: IpAddress): Mac | undefined {
  return argMax(ev.arpReplies.get(ip)) ?? argMax(ev.arpRequests.get(ip));
}

/**
 * The MAC that owns an address in ARP. Several may claim it (ARP flux: real servers answering
 * beside the director, all about as often); then the one least like a real server (by
 * `unlikeliness`: serving from the address, a capture named for a real server) is taken,
 * the most frequent among equals.
 */
function vipOwnerOf(ev: TopologyEvidence, ip: IpAddress, unlikeliness: (m: Mac) => number): Mac | undefined {
  const claims = ev.arpReplies.get(ip) ?? ev.arpRequests.get(ip);
  if (!claims || claims.size < 2) return arpOwnerOf(ev, ip);
  let best: Mac | undefined, bestScore = Infinity, bestCount = -1;
  for (const [m, n] of claims) {
    const score = unlikeliness(m);
    if (score < bestScore || (score === bestScore && n > bestCount)) { best = m; bestScore = score; bestCount = n; }
  }
  return best;
}

/**
 * Whether `mac` resolved one of the real servers' own `addresses` by ARP and never the VIP: the
 * director routing the VIP to a RIP (a router or client whose cache points at a real server asks
 * for the VIP itself).
 */
function resolvesServersNotVip(ev: TopologyEvidence, mac: Mac, addresses: Iterable<IpAddress>, vip: IpAddress): boolean {
  const asked = ev.arpAsked.get(mac);
  if (!asked || asked.has(vip)) return false;
  for (const a of addresses) if (asked.has(a)) return true;
  return false;
}

/**
 * A MAC that takes a director's IP-in-IP copies on toward their real server: it passes them on
 * (seen), or it is known by addresses none of which is an outer destination it was sent (seen
 * in ARP or as a sender). A next hop known by nothing stays a real server.
 */
function isTunnelRouter(ev: TopologyEvidence, mac: Mac): boolean {
  if (ev.tunnelRelays.has(mac)) return true;
  const targets = ev.tunnelNextHops.get(mac);
  if (!targets) return false;
  const own = ownAddresses(ev, mac);
  return own.size > 0 && ![...targets.keys()].some((ip) => own.has(ip));
}

function ownAddresses(ev: TopologyEvidence, mac: Mac): Set<IpAddress> {
  const own = new Set<IpAddress>(ev.ipSources.get(mac)?.keys() ?? []);
  for (const claims of [ev.arpReplies, ev.arpRequests]) {
    for (const [ip, macs] of claims) if (macs.has(mac)) own.add(ip);
  }
  return own;
}

function relaysFor(ev: TopologyEvidence, dst: IpAddress): Map<Mac, CounterMap<Mac>> {
  return ev.relays.get(dst) ?? new Map();
}

export function inferTopology(
  observed: TopologyEvidence,
  captures: readonly CaptureIdentity[],
  config: ConfiguredTopology,
): Inference {
  const configuredVips = new Set<IpAddress>([...config.services.map((s) => s.vip), ...config.declaredVips]);
  const configuredRips = new Set<IpAddress>(config.services.flatMap((s) => [...s.realServers.map((r) => r.ip), ...(s.sorryServer !== undefined ? [s.sorryServer] : [])]));
  const { evidence: ev, otherMacs } = withInterfaceHops(observed, configuredVips, configuredRips);
  const evidence: string[] = [...config.sources];
  const vipIps = new Set<IpAddress>();
  const directorMacs = new Set<Mac>();
  const rsMacs = new Set<Mac>();
  const routerMacs = new Set<Mac>();

  for (const s of config.services) vipIps.add(s.vip);
  for (const v of config.declaredVips) vipIps.add(v);

  // A MAC that receives clients' requests for an address and passes on replies from it (TTL
  // already decremented) without ever claiming it in ARP is their gateway (a router). A real
  // server also receives the requests on its own MAC, but makes its replies itself.
  const isGatewayFor = (vip: IpAddress, mac: Mac) =>
    (ev.requestNextHops.get(vip)?.has(mac) ?? false) && !(ev.replyOriginators.get(vip)?.has(mac) ?? false) &&
    !(ev.arpReplies.get(vip)?.has(mac) ?? false) && !(ev.arpRequests.get(vip)?.has(mac) ?? false);

  // 1. Forwarding signature. A director relays packets for the VIP to hosts that consume
  // them. In a forwarding loop nobody consumes: then the director is the relay that owns
  // the VIP in ARP, or the one fed by a host that does not relay (the router).
  // A client behind a NAT router: replies to it arrive at the router's address and leave
  // toward the client with that address rewritten, as a NAT director's requests do. An address
  // that opened connections and was sent none is a client, whatever relays its packets.
  const requesters = new Set<IpAddress>();
  for (const clients of ev.requestClients.values()) for (const ip of clients.keys()) requesters.add(ip);
  for (const [dstIp, relays] of ev.relays) {
    if (!vipIps.has(dstIp) && requesters.has(dstIp) && !ev.requestPorts.has(dstIp)) continue;
    const feedsOf = (relay: Mac) => [...(ev.relayFeeds.get(dstIp)?.get(relay)?.keys() ?? [])];
    let chosen = [...relays.keys()].filter((relay) => {
      const consumers = [...relays.get(relay)!.keys()].filter((next) => !relays.has(next));
      const fedOnlyByRelays = feedsOf(relay).length > 0 && feedsOf(relay).every((m) => relays.has(m) && m !== relay);
      return consumers.length > 0 && (!fedOnlyByRelays || arpOwnerOf(ev, dstIp) === relay);
    });
    if (chosen.length === 0) {
      const owner = arpOwnerOf(ev, dstIp);
      chosen = [...relays.keys()].filter((relay) => relay === owner || feedsOf(relay).some((m) => !relays.has(m)));
      if (chosen.length > 1 && owner !== undefined && chosen.includes(owner)) chosen = [owner];
    }
    for (const relay of chosen) {
      const nextHops = [...relays.get(relay)!.keys()].filter((n) => !chosen.includes(n));
      if (!vipIps.has(dstIp)) evidence.push(`${formatIp(dstIp)} is a VIP: ${formatMac(relay)} received packets for it and forwarded them unchanged to ${nextHops.map(formatMac).join(', ')}`);
      vipIps.add(dstIp);
      directorMacs.add(relay);
      // A next hop that passes tunnelled packets on is a router (below), not a real server.
      for (const c of nextHops) if (!isTunnelRouter(ev, c)) rsMacs.add(c);
    }
  }
  // Routers: relays whose next hop is a director.
  for (const relays of ev.relays.values()) {
    for (const [relay, nextHops] of relays) {
      if (directorMacs.has(relay)) continue;
      if ([...nextHops.keys()].some((n) => directorMacs.has(n))) routerMacs.add(relay);
    }
  }
  // LVS-TUN: a director's next hop that passes the encapsulated packets on is a router on the
  // way to a real server (tunnelling, unlike direct routing, crosses routers), not a real server.
  for (const m of new Set([...ev.tunnelRelays.keys(), ...ev.tunnelNextHops.keys()])) {
    if (!directorMacs.has(m) && isTunnelRouter(ev, m)) routerMacs.add(m);
  }
  for (const [relay, targets] of ev.tunnelTargets) {
    if (directorMacs.has(relay)) evidence.push(`${formatMac(relay)} forwards in tunnels (LVS-TUN) to ${[...targets.keys()].map(formatIp).join(', ')}`);
  }

  // Each capture's candidates for its own MAC, best first (sorted once, used below too), and the
  // role a capture's name (rs1.pcap, --role rs1=…) gives the MAC that capture was taken on.
  const hostCandidates = captures.map((_, k) => captureHostCandidates(ev, k));
  const nameRoleOfMac = (m: Mac) => {
    const i = hostCandidates.findIndex((c) => c[0] === m);
    return i < 0 ? undefined : captures[i]!.roleHint ?? inferRoleFromName(captures[i]!.name);
  };

  // 2. Without a visible relay: a VIP owned (ARP) by one MAC while others reply from it.
  for (const [ip, replying] of ev.replySources) {
    // To find a VIP, only replies made by their sender count: a router relaying a host's replies
    // (TTL already decremented) does not serve from that host's address.
    const macs = vipIps.has(ip) ? replying : ev.replyOriginators.get(ip);
    const owner = vipOwnerOf(ev, ip, (m) => (replying.has(m) ? 2 : 0) + (nameRoleOfMac(m) === 'real-server' ? 1 : 0));
    if (owner === undefined || macs === undefined) continue;
    const others = [...macs.keys()].filter((m) => m !== owner && !(ev.requestNextHops.get(ip)?.has(m) && !(ev.arpReplies.get(ip)?.has(m) ?? false)));
    if (others.length === 0 || (!vipIps.has(ip) && ev.relays.size > 0 && !directorMacs.has(owner))) continue;
    if (!vipIps.has(ip)) evidence.push(`${formatIp(ip)} is a VIP: ${formatMac(owner)} owns it in ARP while ${others.map(formatMac).join(', ')} send service replies from it`);
    vipIps.add(ip);
    directorMacs.add(owner);
    for (const m of others) if (!directorMacs.has(m)) rsMacs.add(m);
    // Another claimant nothing was sent to, captured as a real server: one leaking the VIP too.
    for (const m of ev.arpReplies.get(ip)?.keys() ?? []) {
      if (m !== owner && !directorMacs.has(m) && !rsMacs.has(m) && nameRoleOfMac(m) === 'real-server') {
        evidence.push(`${formatMac(m)} claims ${formatIp(ip)} in ARP too and was captured as a real server`);
        rsMacs.add(m);
      }
    }
  }

  // 2c. An address claimed in ARP (or ND) by several MACs: the claimants that serve from it
  // are real servers leaking the VIP (ARP flux), the one that does not is the director. When
  // the flux sends everything to one of them, the other real servers are silent too: among
  // several silent claimants, those whose own capture is named for a real server (rs1.pcap,
  // --role rs1=…) are taken for real servers, as long as another one is left for the director.
  for (const [ip, replyMacs] of ev.arpReplies) {
    const claimants = new Set([...replyMacs.keys(), ...(ev.arpRequests.get(ip)?.keys() ?? [])]);
    if (claimants.size < 2 || [...claimants].some((m) => directorMacs.has(m))) continue;
    const serving = [...claimants].filter((m) => ev.replySources.get(ip)?.has(m));
    let silent = [...claimants].filter((m) => !ev.replySources.get(ip)?.has(m));
    let named: Mac[] = [];
    if (serving.length > 0 && silent.length > 1) {
      named = silent.filter((m) => nameRoleOfMac(m) === 'real-server');
      if (named.length === silent.length) named = [];
      silent = silent.filter((m) => !named.includes(m));
    }
    if (serving.length === 0 || silent.length === 0) continue;
    const namedText = named.length ? `, ${named.map(formatMac).join(', ')} serve(s) nothing but was captured as a real server` : '';
    if (!vipIps.has(ip)) evidence.push(`${formatIp(ip)} is a VIP: ${[...claimants].map(formatMac).join(', ')} all claim it in ARP; ${serving.map(formatMac).join(', ')} serve(s) from it${namedText}, ${silent.map(formatMac).join(', ')} does not`);
    vipIps.add(ip);
    for (const m of silent) directorMacs.add(m);
    for (const m of [...serving, ...named]) rsMacs.add(m);
  }

  // 2b. The director's own ICMP: a host that reports "host unreachable", "fragmentation
  // needed" or (for TCP) "port unreachable" about a packet addressed to itself was trying to
  // forward it, which only IPVS does (ip_vs_xmit.c / ip_vs_leave).
  for (const [vip, macs] of ev.selfUnreachable) {
    const mac = argMax(macs);
    if (mac === undefined || rsMacs.has(mac)) continue;
    if (!vipIps.has(vip)) evidence.push(`${formatIp(vip)} is a VIP: ${formatMac(mac)} sent ICMP unreachable from it about packets addressed to it (IPVS could not forward them)`);
    vipIps.add(vip);
    if (!directorMacs.has(mac)) directorMacs.add(mac);
  }

  // 2d. Nothing forwarded at all: a capture its owner named as the director's (director.pcap,
  // --role director=…) shows the director; the addresses it answers ARP for and receives
  // client connections on are the VIPs.
  if (directorMacs.size === 0) {
    captures.forEach((c, i) => {
      if ((c.roleHint ?? inferRoleFromName(c.name)) !== 'director') return;
      // A cooked capture's host may send from several interfaces: the one answering ARP for
      // the addresses clients connect to is where the VIP is.
      const own = [hostCandidates[i]![0], ...cookedHostMacs(ev, i)].filter((m): m is Mac => m !== undefined);
      const servedBy = (m: Mac) => [...ev.requestPorts.keys()].filter((ip) => ev.arpReplies.get(ip)?.has(m) && (ev.requestClients.get(ip)?.size ?? 0) > 0);
      const mac = own.find((m) => servedBy(m).length > 0) ?? own[0];
      if (mac === undefined) return;
      const served = servedBy(mac);
      if (served.length === 0 && vipIps.size === 0) return;
      directorMacs.add(mac);
      for (const ip of served) vipIps.add(ip);
      evidence.push(`${formatMac(mac)} is taken as the director because capture '${c.name}' is named so; it forwarded nothing` +
        (served.length ? `, and clients connect to ${served.map(formatIp).join(', ')}, which it answers ARP for` : ''));
    });
  }

  // 3. Configured VIPs with no relay seen: the ARP owner is the director.
  for (const vip of vipIps) {
    if ([...directorMacs].some((d) => relaysFor(ev, vip).has(d))) continue;
    const owner = arpOwnerOf(ev, vip);
    // A host that serves from the VIP itself is a real server leaking it (ARP flux), not the director.
    const serves = owner !== undefined && (ev.replyOriginators.get(vip)?.has(owner) ?? false);
    if (owner !== undefined && !rsMacs.has(owner) && !serves && directorMacs.size === 0) {
      directorMacs.add(owner);
      evidence.push(`${formatMac(owner)} is taken as the director: it answers ARP for VIP ${formatIp(vip)}`);
    }
  }

  // 3a. No VIP known at all (no director capture, nothing configured): the real servers'
  // side of DR shows it. Several hosts that serve from one address, not all of them claiming it
  // in ARP, have it on their loopback; so has a host that receives requests for an address from a
  // sender which resolved another address of that host by ARP (the director routes the VIP to
  // a RIP), and that sender is the director.
  if (vipIps.size === 0) {
    // A reply with an initial TTL was made by the MAC that sent it, not routed by it.
    for (const [ip, macs] of ev.replyOriginators) {
      const servers = [...macs.keys()];
      const claimsIt = (m: Mac) => (ev.arpReplies.get(ip)?.has(m) ?? false) || (ev.arpRequests.get(ip)?.has(m) ?? false);
      const routedBy = servers.flatMap((server) => {
        const own = arpOwnedIps(ev, server, new Set([ip]));
        return [...(ev.requestSenders.get(ip)?.get(server)?.keys() ?? [])]
          .filter((sender) => !servers.includes(sender) && resolvesServersNotVip(ev, sender, own, ip))
          .map((sender) => ({ sender, server }));
      });
      if ((servers.length < 2 || servers.every(claimsIt)) && routedBy.length === 0) continue;
      vipIps.add(ip);
      for (const m of servers) rsMacs.add(m);
      if (routedBy.length === 0) {
        const claimants = servers.filter(claimsIt);
        evidence.push(`${formatIp(ip)} is a VIP: ${servers.map(formatMac).join(', ')} all send service replies from it and ` +
          (claimants.length === 0 ? 'none claims it in ARP' : `only ${claimants.map(formatMac).join(', ')} claim(s) it in ARP`));
        continue;
      }
      const first = routedBy[0]!;
      evidence.push(`${formatIp(ip)} is a VIP: ${formatMac(first.sender)} hands requests for it to ${formatMac(first.server)}, whose own address it resolved by ARP, and ${formatMac(first.server)} replies from it`);
      for (const { sender } of routedBy) {
        if (directorMacs.has(sender)) continue;
        directorMacs.add(sender);
        evidence.push(`${formatMac(sender)} is taken as the director: it routes requests for VIP ${formatIp(ip)} to a real server's own address, resolved by ARP`);
      }
    }
  }

  // 3b. Still no director, and no capture of its own: its forwarded copies in the real servers'
  // captures show it. A MAC that hands clients' requests for a VIP to a MAC replying from that
  // VIP, resolves real servers' addresses by ARP and never asks for the VIP is the director; a
  // router or client whose ARP cache points at a real server (ARP flux) asked for the VIP.
  if (directorMacs.size === 0) {
    for (const vip of vipIps) {
      // Replies made by their sender (a router relaying them to the client is not a server).
      const servers = ev.replyOriginators.get(vip);
      if (!servers) continue;
      const serverIps = new Set([...servers.keys()].flatMap((m) => arpOwnedIps(ev, m, vipIps)));
      for (const [next, senders] of ev.requestSenders.get(vip) ?? []) {
        if (!servers.has(next)) continue;
        for (const mac of senders.keys()) {
          if (servers.has(mac) || directorMacs.has(mac) || !resolvesServersNotVip(ev, mac, serverIps, vip)) continue;
          directorMacs.add(mac);
          evidence.push(`${formatMac(mac)} is taken as the director: it hands requests for VIP ${formatIp(vip)} to ${formatMac(next)}, which replies from it, and resolves the real servers' addresses by ARP, never the VIP`);
        }
      }
    }
  }

  // 3c. Still no director (no ARP for the real servers in the captures): the MAC that hands
  // requests for the VIP to the real servers, when it is not where their replies go (their
  // gateway: a router whose cache points at a real server) and never asks for the VIP.
  if (directorMacs.size === 0) {
    for (const vip of vipIps) {
      // Replies made by their sender (a router relaying them to the client is not a server).
      const servers = ev.replyOriginators.get(vip);
      if (!servers) continue;
      const gateways = new Set([...servers.keys()].flatMap((m) => [...(ev.replyGateways.get(vip)?.get(m)?.keys() ?? [])]));
      for (const [next, senders] of ev.requestSenders.get(vip) ?? []) {
        if (!servers.has(next)) continue;
        for (const mac of senders.keys()) {
          if (servers.has(mac) || gateways.has(mac) || directorMacs.has(mac) || (ev.arpAsked.get(mac)?.has(vip) ?? false)) continue;
          directorMacs.add(mac);
          evidence.push(`${formatMac(mac)} is taken as the director: it hands requests for VIP ${formatIp(vip)} to ${formatMac(next)}, which replies from it through another gateway`);
        }
      }
    }
  }

  // Real servers also show up as sources of service replies from a VIP.
  for (const vip of vipIps) {
    for (const mac of ev.replySources.get(vip)?.keys() ?? []) {
      if (isGatewayFor(vip, mac)) { routerMacs.add(mac); continue; }
      if (!directorMacs.has(mac) && !rsMacs.has(mac)) {
        rsMacs.add(mac);
        evidence.push(`${formatMac(mac)} is a real server: it sends service replies from VIP ${formatIp(vip)}`);
      }
    }
    // The gateway real servers send VIP replies through is a router unless it is a director.
    for (const rs of rsMacs) {
      const gw = argMax(ev.replyGateways.get(vip)?.get(rs));
      if (gw !== undefined && !directorMacs.has(gw) && !rsMacs.has(gw)) routerMacs.add(gw);
    }
  }
  // A VRRP speaker advertising a VIP is a director (keepalived's backup, say, which forwards
  // nothing until it takes over), unless it serves from the VIP itself. VRRP alone does not make an
  // address a VIP: routers use it for their gateway address too.
  for (const vip of vipIps) {
    for (const mac of ev.vrrpSpeakers.get(vip)?.keys() ?? []) {
      if (directorMacs.has(mac) || rsMacs.has(mac)) continue;
      directorMacs.add(mac);
      evidence.push(`${formatMac(mac)} is a director: it advertises VIP ${formatIp(vip)} in VRRP`);
    }
    // Adverts from keepalived's virtual MAC (use_vmac) name their director by source address only.
    if (![...ev.vrrpSpeakers.get(vip)?.keys() ?? []].some(isVrrpVirtualMac)) continue;
    for (const ip of ev.vrrpSpeakerIps.get(vip)?.keys() ?? []) {
      const mac = arpOwnerOf(ev, ip);
      if (mac === undefined || isVrrpVirtualMac(mac) || directorMacs.has(mac) || rsMacs.has(mac)) continue;
      directorMacs.add(mac);
      evidence.push(`${formatMac(mac)} is a director: it advertises VIP ${formatIp(vip)} in VRRP from its address ${formatIp(ip)}, with the virtual MAC`);
    }
  }
  // Configured directors and real servers (a topology file's hosts; keepalived's unicast VRRP
  // peers, whose adverts no other host's capture shows), resolved to MACs through ARP.
  for (const h of config.hosts) {
    const mac = h.mac ?? (h.ip !== undefined ? arpOwnerOf(ev, h.ip) : undefined);
    if (mac === undefined) continue;
    if (h.role === 'director') directorMacs.add(mac);
    else if (h.role === 'real-server' && !directorMacs.has(mac)) rsMacs.add(mac);
  }
  // Configured real servers resolved to MACs through ARP.
  for (const s of config.services) {
    for (const r of [...s.realServers, ...(s.sorryServer !== undefined ? [{ ip: s.sorryServer }] : [])]) {
      const mac = arpOwnerOf(ev, r.ip);
      if (mac !== undefined && !directorMacs.has(mac)) rsMacs.add(mac);
    }
  }
  // Routers also feed the directors: the previous hop of packets a director forwards.
  for (const [vip, feedsByRelay] of ev.relayFeeds) {
    if (!vipIps.has(vip)) continue;
    for (const [relay, feeds] of feedsByRelay) {
      if (!directorMacs.has(relay)) continue;
      for (const m of feeds.keys()) if (!directorMacs.has(m) && !rsMacs.has(m)) routerMacs.add(m);
    }
  }
  // Gateways: MACs that receive clients' requests for a VIP while owning another address.
  for (const vip of vipIps) {
    for (const mac of ev.requestNextHops.get(vip)?.keys() ?? []) {
      if (directorMacs.has(mac) || rsMacs.has(mac)) continue;
      if (arpOwnedIps(ev, mac, vipIps).length > 0 && arpOwnerOf(ev, vip) !== mac) routerMacs.add(mac);
    }
  }
  for (const m of rsMacs) routerMacs.delete(m);
  for (const m of directorMacs) { routerMacs.delete(m); rsMacs.delete(m); }

  // Service ports and clients.
  const vips: Vip[] = [];
  const clientIps = new Set<IpAddress>();
  for (const ip of vipIps) {
    const ports: ServicePort[] = [];
    for (const s of config.services) if (s.vip === ip && !ports.some((p) => p.protocol === s.protocol && p.port === s.port)) ports.push({ protocol: s.protocol, port: s.port });
    for (const key of sortedByCount(ev.requestPorts.get(ip))) {
      const [proto, port] = key.split('/') as ['tcp' | 'udp', string];
      if (!ports.some((p) => p.protocol === proto && p.port === Number(port))) ports.push({ protocol: proto, port: Number(port) });
    }
    const scheduler = config.services.find((s) => s.vip === ip)?.scheduler;
    vips.push(scheduler ? { ip, ports, scheduler } : { ip, ports });
    for (const c of ev.requestClients.get(ip)?.keys() ?? []) if (!vipIps.has(c)) clientIps.add(c);
  }

  // Hosts with their own addresses.
  // A capture's host: the MAC in (nearly) every frame. When two are (nearly) tied — a capture
  // of a point-to-point exchange — the capture's name (rs2.pcap, router.pcap) or --role decides.
  // A director's other interfaces (front and back NIC) are the director's too.
  const directorOtherMacs = (m: Mac): Mac[] =>
    [...(otherMacs.get(m) ?? [])].filter((x) => !directorMacs.has(x) && !rsMacs.has(x) && !routerMacs.has(x));
  const otherDirectorMacs = new Set([...directorMacs].flatMap(directorOtherMacs));
  const roleOfMac = (m: Mac): Role | undefined =>
    directorMacs.has(m) || otherDirectorMacs.has(m) ? 'director' : rsMacs.has(m) ? 'real-server' : routerMacs.has(m) ? 'router' : undefined;
  // A VRRP virtual MAC is no host's own: with use_vmac a director's capture shows it beside the
  // director's MAC, about as often.
  const candidatesOf = hostCandidates.map((all) => {
    const own = all.filter((m) => !isVrrpVirtualMac(m));
    return own.length > 0 ? own : all;
  });
  const captureOwnMacs = captures.map((c, i) => {
    const candidates = candidatesOf[i]!;
    const wanted = c.roleHint ?? inferRoleFromName(c.name);
    if (wanted === undefined) return candidates[0];
    // Failing a MAC of the wanted role, one of no known role: a router's capture of a short
    // exchange with the director must not take the director's MAC for the router's.
    return candidates.find((m) => roleOfMac(m) === wanted) ?? candidates.find((m) => roleOfMac(m) === undefined) ?? candidates[0];
  });
  // Two captures cannot have been taken on one host: a capture that got by a tie-break the MAC
  // that is another capture's only candidate takes its next candidate instead (two directors
  // exchanging a looping packet both appear in every frame of each other's capture).
  captureOwnMacs.forEach((mac, i) => {
    if (mac === undefined || candidatesOf[i]!.length < 2) return;
    const ownedElsewhere = captureOwnMacs.some((m, j) => j !== i && m === mac && candidatesOf[j]!.length === 1);
    if (!ownedElsewhere) return;
    const next = candidatesOf[i]!.find((m) => m !== mac && !captureOwnMacs.includes(m));
    if (next !== undefined) captureOwnMacs[i] = next;
  });
  const nameOf = (macs: readonly Mac[], role: Role, ips: readonly IpAddress[]): string => {
    const configured = config.hosts.find((h) => (h.mac !== undefined && macs.includes(h.mac)) || (h.ip !== undefined && ips.includes(h.ip)));
    if (configured?.name) return configured.name;
    const capture = macs.map((m) => captureOwnMacs.indexOf(m)).find((i) => i >= 0) ?? -1;
    if (capture >= 0) return captures[capture]!.name;
    const mac = macs[0]!;
    const ip = ips[0];
    const label = ROLE_LABELS[role];
    return ip === undefined ? `${label} ${formatMac(mac)}` : `${label} ${formatIp(ip)}`;
  };
  const hostOf = (mac: Mac, role: Role): HostInfo => {
    // IPv4 first, link-local IPv6 last: the first address names the host.
    const rank = (ip: IpAddress) => (typeof ip === 'number' ? 0 : ip.startsWith('fe80:') ? 2 : 1);
    const others = role === 'director' ? directorOtherMacs(mac) : [];
    const macs = [mac, ...others];
    const ips = macs.flatMap((m) => arpOwnedIps(ev, m, vipIps)).filter((ip, i, all) => all.indexOf(ip) === i)
      .sort((a, b) => rank(a) - rank(b));
    // Addresses the host originated packets from: the only clue where ARP/ND showed none, and
    // the way to a global IPv6 address where ND showed only the link-local one.
    const onlyLinkLocal = ips.length > 0 && ips.every((ip) => typeof ip === 'string' && ip.startsWith('fe80:'));
    if (ips.length === 0 || onlyLinkLocal) {
      const own = sortedByCount(ev.ipSources.get(mac)).filter((ip) => !vipIps.has(ip) && !clientIps.has(ip) && !(typeof ip === 'string' && ip.startsWith('fe80:')));
      if (own[0] !== undefined) ips.unshift(own[0]);
    }
    // A director seen only through its VIP (it ARPs from the VIP, forwards, never speaks from
    // its DIP) is named by the VIP it owns.
    if (ips.length === 0 && role === 'director') {
      const owned = [...vipIps].find((v) => ev.arpReplies.get(v)?.has(mac) || ev.arpRequests.get(v)?.has(mac) || ev.selfUnreachable.get(v)?.has(mac));
      if (owned !== undefined) ips.push(owned);
    }
    const capture = macs.map((m) => captureOwnMacs.indexOf(m)).find((i) => i >= 0) ?? -1;
    // A director that is also a real server (LocalNode) is configured by its own address or 127.0.0.1.
    const configured = config.services.flatMap((s) => s.realServers);
    const weight = (configured.find((r) => ips.includes(r.ip)) ?? (role === 'director' ? configured.find((r) => isLoopback(r.ip)) : undefined))?.weight;
    const tunnelsTo = role === 'director' ? [...new Set(macs.flatMap((m) => [...ev.tunnelTargets.get(m)?.keys() ?? []]))] : [];
    return {
      name: nameOf(macs, role, ips), role, mac, ...(others.length ? { otherMacs: others } : {}), ips,
      ...(capture >= 0 ? { capture } : {}),
      ...(weight !== undefined ? { weight } : {}),
      ...(tunnelsTo.length ? { tunnelsTo } : {}),
    };
  };
  // The VRRP virtual MAC stands for whichever director is master (isDirectorMac knows it); it is
  // a host of its own only when no director shows its own MAC.
  if ([...directorMacs].some((m) => !isVrrpVirtualMac(m))) for (const m of directorMacs) if (isVrrpVirtualMac(m)) directorMacs.delete(m);
  const directors = [...directorMacs].map((m) => hostOf(m, 'director'));
  const realServers = [...rsMacs].map((m) => hostOf(m, 'real-server'));
  const routers = [...routerMacs].map((m) => hostOf(m, 'router'));
  const clients: HostInfo[] = [...clientIps].slice(0, 64).map((ip) => {
    const mac = captureOwnMacs.find((m) => m !== undefined && ev.ipSources.get(m)?.has(ip));
    const capture = mac === undefined ? -1 : captureOwnMacs.indexOf(mac);
    return {
      name: capture >= 0 ? captures[capture]!.name : `client ${formatIp(ip)}`,
      role: 'client' as const, ips: [ip],
      ...(mac !== undefined ? { mac } : {}),
      ...(capture >= 0 ? { capture } : {}),
    };
  });

  // Configured hosts the captures did not reveal. A name given to a capture (--role NAME=FILE)
  // is that capture's host, revealed or not: it has a capture.
  for (const h of config.hosts) {
    if (h.name !== undefined && h.ip === undefined && h.mac === undefined && captures.some((c) => c.name === h.name)) continue;
    const lists = { director: directors, 'real-server': realServers, router: routers, client: clients, unknown: [] as HostInfo[] };
    const list = lists[h.role];
    if (list.some((x) => (h.mac !== undefined && x.mac === h.mac) || (h.ip !== undefined && x.ips.includes(h.ip)))) continue;
    list.push({ name: h.name ?? `${h.role} ${h.ip !== undefined ? formatIp(h.ip) : ''}`.trim(), role: h.role, ips: h.ip !== undefined ? [h.ip] : [], ...(h.mac !== undefined ? { mac: h.mac } : {}) });
  }

  const allHosts = [...directors, ...realServers, ...routers, ...clients];
  const captureHosts: InferredCaptureHost[] = captures.map((c, i) => {
    const mac = captureOwnMacs[i];
    const host = allHosts.find((h) => h.capture === i || (mac !== undefined && (h.mac === mac || (h.otherMacs?.includes(mac) ?? false))));
    // With no evidence of its host at all (a capture of others' broadcasts only), the name its
    // owner gave it (director.pcap) is the only clue to where it was taken.
    const role = c.roleHint ?? host?.role ?? (mac === undefined ? inferRoleFromName(c.name) : undefined) ?? 'unknown';
    return { ...(mac !== undefined ? { mac } : {}), role, name: c.name };
  });
  for (const d of directors) {
    if (d.otherMacs?.length) evidence.push(`${d.name} has more than one interface: packets for the VIP come in to ${formatMac(d.mac!)} and leave from ${d.otherMacs.map(formatMac).join(', ')}`);
    if (d.ips.length) evidence.push(`${d.name} is the director: MAC ${[d.mac!, ...(d.otherMacs ?? [])].map(formatMac).join(', ')}, DIP ${d.ips.map(formatIp).join(', ')}`);
  }
  for (const r of realServers) if (r.ips.length) evidence.push(`${r.name} is a real server: MAC ${formatMac(r.mac!)}, RIP ${r.ips.map(formatIp).join(', ')}`);
  // A tunnelling director names its real servers by address: those no capture showed otherwise.
  for (const [relay, targets] of ev.tunnelTargets) {
    if (!directorMacs.has(relay)) continue;
    for (const ip of targets.keys()) {
      if (allHosts.some((h) => h.ips.includes(ip)) || realServers.some((h) => h.ips.includes(ip))) continue;
      realServers.push({ name: `real server ${formatIp(ip)}`, role: 'real-server', ips: [ip] });
      evidence.push(`${formatIp(ip)} is a real server: the director tunnels packets for the VIP to it`);
    }
  }

  return { topology: { vips, directors, realServers, routers, clients, evidence }, captureHosts };
}
