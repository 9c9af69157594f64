// Gathers, frame by frame, the bounded facts topology inference needs: which MAC claims
// which IP in ARP, which MAC relays packets to which next hop (the director's forwarding
// signature), who sends service replies from which address, and each capture's own MAC.

import type { IpAddress, Mac } from '../decode/addresses.js';
import type { Frame } from '../decode/frame-types.js';
import { bump, nestedBump, type CounterMap } from './counter-map.js';
import { dstMacOf, isMulticastMac, isOutgoingCooked, srcMacOf, type Sighting } from './sighting.js';

const TCP_SYN = 0x02, TCP_ACK = 0x10, TCP_RST = 0x04;
/** TTLs (hop limits) a packet leaves its originating host with: nothing has routed it yet. */
export const INITIAL_TTLS: ReadonlySet<number> = new Set([32, 64, 128, 255]);

export type RelayKey = string; // `${relayMac}>${nextMac}`

export type TopologyEvidence = {
  /** Address claims in replies: ARP spa → sha, and IPv6 NA target → sender MAC. */
  readonly arpReplies: Map<IpAddress, CounterMap<Mac>>;
  /** Address claims in requests: ARP spa → sha (incl. gratuitous), IPv6 NS source → sender MAC. */
  readonly arpRequests: Map<IpAddress, CounterMap<Mac>>;
  /** Relay MAC → next-hop MAC → count, per original destination IP. */
  readonly relays: Map<IpAddress, Map<Mac, CounterMap<Mac>>>;
  /** Relay MAC → previous-hop MAC → count, per original destination IP. */
  readonly relayFeeds: Map<IpAddress, Map<Mac, CounterMap<Mac>>>;
  /**
   * Hops through a host with two interfaces: a packet addressed to MAC B next leaves from
   * another MAC S, one TTL lower or with the same TTL (one host, no unseen router between).
   * Per original destination IP: B → S → next-hop MAC → count. A router's two ports show this
   * as well as a director's front and back NIC; inference decides which it is.
   */
  readonly interfaceHops: Map<IpAddress, Map<Mac, Map<Mac, CounterMap<Mac>>>>;
  /** The previous hops of those packets: per original destination IP, B → MAC → count. */
  readonly interfaceHopFeeds: Map<IpAddress, Map<Mac, CounterMap<Mac>>>;
  /**
   * IP-in-IP encapsulations (LVS-TUN): the MAC that took in a packet and sent it on inside an
   * outer header → the outer destination (a real server's address) → count.
   */
  readonly tunnelTargets: Map<Mac, CounterMap<IpAddress>>;
  /** Next-hop MACs of those encapsulated copies → outer destination → count. */
  readonly tunnelNextHops: Map<Mac, CounterMap<IpAddress>>;
  /** MACs that passed on an encapsulated packet they were sent (routers between a director and a real server). */
  readonly tunnelRelays: CounterMap<Mac>;
  /** Relays that changed the destination address: original dst → new dst → count. */
  readonly rewrittenDestinations: Map<IpAddress, CounterMap<IpAddress>>;
  /** Connection requests (TCP SYN, UDP) per destination IP: port → count (protocol in key). */
  readonly requestPorts: Map<IpAddress, CounterMap<string>>;
  /** Request sources per destination IP. */
  readonly requestClients: Map<IpAddress, CounterMap<IpAddress>>;
  /** Service replies (SYN-ACK, UDP/TCP from a requested port): src IP → src MAC → count. */
  readonly replySources: Map<IpAddress, CounterMap<Mac>>;
  /** Service replies sent with an initial TTL (the sending MAC made them, no router did): src IP → MAC → count. */
  readonly replyOriginators: Map<IpAddress, CounterMap<Mac>>;
  /** Destination MACs of connection requests, per destination IP. */
  readonly requestNextHops: Map<IpAddress, CounterMap<Mac>>;
  /** Senders of connection requests, per destination IP and next-hop MAC. */
  readonly requestSenders: Map<IpAddress, Map<Mac, CounterMap<Mac>>>;
  /** Addresses each MAC asked ARP for (request targets, gratuitous ARP excluded). */
  readonly arpAsked: Map<Mac, CounterMap<IpAddress>>;
  /** Next-hop MACs of service replies, per source IP and replying MAC. */
  readonly replyGateways: Map<IpAddress, Map<Mac, CounterMap<Mac>>>;
  /** VRRP advertisements: each address advertised → advertising MAC → count (keepalived's VIPs). */
  readonly vrrpSpeakers: Map<IpAddress, CounterMap<Mac>>;
  /** Source addresses of the VRRP adverts per VIP: a speaker on keepalived's virtual MAC is known by it. */
  readonly vrrpSpeakerIps: Map<IpAddress, CounterMap<IpAddress>>;
  /** ICMP unreachable sent from IP X about a packet addressed to X: X → sender MAC → count. */
  readonly selfUnreachable: Map<IpAddress, CounterMap<Mac>>;
  /** Source IPs per source MAC for packets the MAC originated (not relayed copies). */
  readonly ipSources: Map<Mac, CounterMap<IpAddress>>;
  /** Per capture: unicast frames per MAC (src or dst), and own MAC from cooked "outgoing". */
  readonly captureMacs: CounterMap<Mac>[];
  /** Per capture: frames each MAC sent with an initial TTL (32, 64, 128, 255). */
  readonly captureOriginators: CounterMap<Mac>[];
  /**
   * Per capture: source MACs of cooked "outgoing" frames (tcpdump -i any), each with the SLL2
   * interface indexes it was sent on (none for SLL v1).
   */
  readonly cookedSenders: Map<Mac, Set<number>>[];
};

export function createTopologyEvidence(captures: number): TopologyEvidence {
  return {
    arpReplies: new Map(), arpRequests: new Map(), relays: new Map(), relayFeeds: new Map(),
    interfaceHops: new Map(), interfaceHopFeeds: new Map(), tunnelTargets: new Map(), tunnelNextHops: new Map(), tunnelRelays: new Map(),
    rewrittenDestinations: new Map(), requestPorts: new Map(), requestClients: new Map(), requestNextHops: new Map(),
    requestSenders: new Map(), arpAsked: new Map(),
    replySources: new Map(), replyOriginators: new Map(), replyGateways: new Map(), ipSources: new Map(), selfUnreachable: new Map(), vrrpSpeakers: new Map(), vrrpSpeakerIps: new Map(),
    captureMacs: Array.from({ length: captures }, () => new Map()),
    captureOriginators: Array.from({ length: captures }, () => new Map()),
    cookedSenders: Array.from({ length: captures }, () => new Map()),
  };
}

function nested3<A, B, C>(m: Map<A, Map<B, CounterMap<C>>>, a: A, b: B, c: C): void {
  let inner = m.get(a);
  if (!inner) {
    if (m.size >= 4096) return;
    inner = new Map();
    m.set(a, inner);
  }
  nestedBump(inner, b, c);
}

/** An ICMP or ICMPv6 message quoting another packet (unreachable, time exceeded, …). */
function isIcmpError(f: Frame): boolean {
  const l4 = f.l4;
  return (l4?.kind === 'icmp' || l4?.kind === 'icmpv6') && l4.embedded !== undefined;
}

export function observeForTopology(ev: TopologyEvidence, s: Sighting, earlier: readonly Sighting[]): void {
  const f = s.frame;
  const src = srcMacOf(s), dst = dstMacOf(s);
  const macs = ev.captureMacs[s.capture]!;
  if (isOutgoingCooked(s) && src !== undefined) {
    bump(macs, src, 4096, 4);
    const senders = ev.cookedSenders[s.capture]!;
    let ifindexes = senders.get(src);
    if (!ifindexes && senders.size < 64 && !isMulticastMac(src)) senders.set(src, (ifindexes = new Set()));
    const ifindex = f.link?.kind === 'sll2' ? f.link.ifindex : undefined;
    if (ifindexes && ifindex !== undefined && ifindexes.size < 8) ifindexes.add(ifindex);
  }
  else if (dst !== undefined && !isMulticastMac(dst)) {
    if (src !== undefined) bump(macs, src);
    bump(macs, dst);
    // On a point-to-point link both ends appear in every frame; the capture host is then the
    // one whose packets still carry an initial TTL (nothing routed them yet). ICMP errors do not
    // count: a router originates them about the capture host's own packets.
    if (src !== undefined && f.ip && INITIAL_TTLS.has(f.ip.ttl) && !isIcmpError(f)) bump(ev.captureOriginators[s.capture]!, src);
  }
  const arp = f.arp;
  if (arp) {
    if (arp.op === 2) nestedBump(ev.arpReplies, arp.spa, arp.sha);
    else if (arp.op === 1 && arp.spa !== 0) {
      nestedBump(ev.arpRequests, arp.spa, arp.sha);
      if (arp.tpa !== arp.spa) nestedBump(ev.arpAsked, arp.sha, arp.tpa);
    }
    return;
  }
  const ip = f.ip, l4 = f.l4;
  if (!ip) return;

  // Relay: an earlier sighting addressed to MAC B, now leaving B toward C.
  let relayed = false;
  if (src !== undefined) {
    for (const e of earlier) {
      const eDst = dstMacOf(e);
      if (eDst !== src || e.frame.ip === undefined) continue;
      relayed = true;
      // An encapsulated packet passed on is routed by its outer header, toward a real server:
      // the relay is a router, not a director, and the packet's VIP says nothing about it.
      if (e.frame.tunnel !== undefined) {
        if (f.tunnel !== undefined && dst !== src) bump(ev.tunnelRelays, src);
        break;
      }
      if (f.tunnel !== undefined) {
        nestedBump(ev.tunnelTargets, src, f.tunnel.dst);
        if (dst !== undefined && !isMulticastMac(dst)) nestedBump(ev.tunnelNextHops, dst, f.tunnel.dst);
      }
      if (dst !== undefined && dst !== src && !isMulticastMac(dst)) {
        const original = e.frame.ip.dst;
        nested3(ev.relays, original, src, dst);
        const eSrc = srcMacOf(e);
        if (eSrc !== undefined) nested3(ev.relayFeeds, original, src, eSrc);
        if (original !== ip.dst) nestedBump(ev.rewrittenDestinations, original, ip.dst);
      }
      break;
    }
    if (!relayed && dst !== undefined && dst !== src && !isMulticastMac(dst)) noteInterfaceHop(ev, s, src, dst, earlier);
  }
  if (src !== undefined && !relayed && earlier.length === 0 && ip.src !== 0 && ip.src !== '::') nestedBump(ev.ipSources, src, ip.src);

  if (!l4) return;
  if (l4.kind === 'vrrp') {
    if (src !== undefined && !isMulticastMac(src)) for (const a of l4.addresses) nestedBump(ev.vrrpSpeakers, a, src);
    for (const a of l4.addresses) nestedBump(ev.vrrpSpeakerIps, a, ip.src);
    return;
  }
  // A copy sent on by a router (another source MAC saw it first) is not where a reply originates.
  const relayedCopy = earlier.some((e) => srcMacOf(e) !== undefined && srcMacOf(e) !== src);
  if (l4.kind === 'icmpv6' && src !== undefined) {
    // Neighbour discovery is IPv6's ARP: advertisements claim their target, solicitations their source.
    if (l4.type === 136 && l4.ndTarget !== undefined) {
      const tlla = l4.ndLinkAddresses?.find((o) => o.type === 2)?.mac;
      nestedBump(ev.arpReplies, l4.ndTarget, tlla ?? src);
      return;
    }
    if (l4.type === 135 && ip.src !== '::') { nestedBump(ev.arpRequests, ip.src, src); return; }
    // Duplicate address detection (NS from ::) announces the address its sender is taking.
    if (l4.type === 135 && l4.ndTarget !== undefined) { nestedBump(ev.arpRequests, l4.ndTarget, src); return; }
  }
  if ((l4.kind === 'icmp' && l4.type === 3) || (l4.kind === 'icmpv6' && (l4.type === 1 || l4.type === 2))) {
    const q = l4.embedded;
    const forwardingCode = l4.kind === 'icmpv6' ? l4.type === 2 || l4.code === 3 || (l4.code === 4 && q?.protocol === 6)
      : l4.code === 1 || l4.code === 4 || (l4.code === 3 && q?.protocol === 6);
    // Only an error with an initial TTL was made by the MAC that sent it (not routed on by it).
    if (q && src !== undefined && q.dst === ip.src && forwardingCode && !relayedCopy && INITIAL_TTLS.has(ip.ttl)) nestedBump(ev.selfUnreachable, ip.src, src);
    return;
  }
  if (l4.kind === 'tcp') {
    const syn = (l4.flags & (TCP_SYN | TCP_ACK | TCP_RST)) === TCP_SYN;
    const synAck = (l4.flags & (TCP_SYN | TCP_ACK)) === (TCP_SYN | TCP_ACK);
    if (syn) noteRequest(ev, ip.dst, ip.src, `tcp/${l4.dport}`, src, dst);
    else if (synAck && src !== undefined && !relayedCopy) noteReply(ev, f, src, dst);
  } else if (l4.kind === 'udp') {
    // A UDP exchange: the lower port is usually the service. Only counted toward requests
    // when the destination port is below the ephemeral range.
    if (l4.dport < 32768 && l4.sport >= 1024) noteRequest(ev, ip.dst, ip.src, `udp/${l4.dport}`, src, dst);
    else if (l4.sport < 32768 && l4.dport >= 1024 && src !== undefined && !relayedCopy) noteReply(ev, f, src, dst);
  }
}

/**
 * A copy leaving `src` when no earlier copy was addressed to `src`: if the last copy was
 * addressed to another unicast MAC B, one TTL higher or equal, and B was never seen sending
 * the packet on, B and `src` are two interfaces of the host that relayed it.
 */
function noteInterfaceHop(ev: TopologyEvidence, s: Sighting, src: Mac, dst: Mac, earlier: readonly Sighting[]): void {
  const ttl = s.frame.ip!.ttl;
  for (let i = earlier.length - 1; i >= 0; i--) {
    const e = earlier[i]!;
    const eDst = dstMacOf(e), eIp = e.frame.ip;
    if (eDst === undefined || eIp === undefined || isMulticastMac(eDst)) continue;
    if (eDst === src || srcMacOf(e) === src) return;
    const drop = eIp.ttl - ttl;
    if (drop !== 0 && drop !== 1) return;
    for (const x of earlier) if (srcMacOf(x) === eDst) return;
    let byIngress = ev.interfaceHops.get(eIp.dst);
    if (!byIngress) {
      if (ev.interfaceHops.size >= 4096) return;
      byIngress = new Map();
      ev.interfaceHops.set(eIp.dst, byIngress);
    }
    let byEgress = byIngress.get(eDst);
    if (!byEgress) {
      if (byIngress.size >= 4096) return;
      byIngress.set(eDst, (byEgress = new Map()));
    }
    nestedBump(byEgress, src, dst);
    const eSrc = srcMacOf(e);
    if (eSrc !== undefined) nested3(ev.interfaceHopFeeds, eIp.dst, eDst, eSrc);
    return;
  }
}

function noteRequest(ev: TopologyEvidence, to: IpAddress, from: IpAddress, port: string, src: Mac | undefined, dst: Mac | undefined): void {
  nestedBump(ev.requestPorts, to, port);
  nestedBump(ev.requestClients, to, from);
  if (dst === undefined) return;
  nestedBump(ev.requestNextHops, to, dst);
  if (src !== undefined) nested3(ev.requestSenders, to, dst, src);
}

function noteReply(ev: TopologyEvidence, f: Frame, src: Mac, dst: Mac | undefined): void {
  // A group address never sends a frame: such a source is a corrupt or forged frame.
  if (isMulticastMac(src)) return;
  const ip = f.ip!;
  nestedBump(ev.replySources, ip.src, src);
  if (INITIAL_TTLS.has(ip.ttl)) nestedBump(ev.replyOriginators, ip.src, src);
  if (dst !== undefined) nested3(ev.replyGateways, ip.src, src, dst);
}

/**
 * MACs that may be the capture's own host, best first: those in (nearly) every unicast frame.
 * On an exact tie (a point-to-point view) the one originating packets with an initial TTL
 * comes first.
 */
export function captureHostCandidates(ev: TopologyEvidence, capture: number): Mac[] {
  const macs = ev.captureMacs[capture];
  if (!macs || macs.size === 0) return [];
  const top = Math.max(...macs.values());
  const orig = ev.captureOriginators[capture]!;
  return [...macs].filter(([, n]) => n >= top * 0.9)
    .sort(([a, na], [b, nb]) => (na === top) !== (nb === top) ? (na === top ? -1 : 1) : nb - na || (orig.get(b) ?? 0) - (orig.get(a) ?? 0))
    .map(([m]) => m);
}
