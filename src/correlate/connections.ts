// VIP connections (TCP) and exchanges (UDP) keyed by the client's end: CIP, client port,
// service port, protocol. Requests are packets to a VIP service port; replies are packets
// back to the client's port from the service port, whatever their source address (a
// reply from the RIP is exactly what return/source-not-vip looks for) or ICMP errors that
// quote a request. Idle connections are handed to the checks and forgotten.

import type { IpAddress, Mac } from '../decode/addresses.js';
import type { Frame } from '../decode/frame-types.js';
import { dstMacOf, srcMacOf, type Sighting } from './sighting.js';
import type { TopologyView } from './topology.js';

const TCP_SYN = 0x02, TCP_RST = 0x04, TCP_ACK = 0x10;
const MAX_SIGHTINGS = 24;

export type ReplyKind = 'syn-ack' | 'rst' | 'data' | 'icmp';

export type Connection = {
  readonly key: string;
  readonly protocol: 'tcp' | 'udp';
  readonly clientIp: IpAddress;
  readonly clientPort: number;
  readonly vip: IpAddress;
  readonly vport: number;
  firstT: number;
  lastT: number;
  /** Whether the first request was a TCP SYN (a new connection) rather than mid-stream. */
  readonly startedWithSyn: boolean;
  /** Sightings of the first request packet at each vantage point. */
  readonly firstRequest: Sighting[];
  readonly firstRequestIdentity: number;
  /** Sightings of later request packets (bounded). */
  readonly requests: Sighting[];
  /** Request packets seen at the first vantage point that saw the connection. */
  requestCount: number;
  /** The real server MACs the director sent requests to (director-out sightings). */
  readonly realServerMacs: Mac[];
  /** Sightings of reply packets (bounded). */
  readonly replies: Sighting[];
  readonly replyKinds: Set<ReplyKind>;
  closed: boolean;
};

function tcpReplyKind(flags: number): ReplyKind {
  if (flags & TCP_RST) return 'rst';
  if ((flags & (TCP_SYN | TCP_ACK)) === (TCP_SYN | TCP_ACK)) return 'syn-ack';
  return 'data';
}

export type ConnectionTracker = {
  observe(s: Sighting, alignedT: number): Connection | undefined;
  expire(alignedT: number): void;
  drain(): void;
  readonly size: number;
};

export type TrackerOptions = {
  readonly idleSeconds: number;
  readonly maxConnections: number;
  readonly onDone: (c: Connection) => void;
  /** Aligned time of a sighting (clock offsets applied). */
  readonly alignedTime: (s: Sighting) => number;
};

/** The key of the VIP connection from clientIp:clientPort to service port vport. */
export function connectionKeyOf(clientIp: IpAddress, clientPort: number, vport: number, protocol: string): string {
  return `${clientIp}|${clientPort}|${vport}|${protocol}`;
}

export function createConnectionTracker(topology: TopologyView, options: TrackerOptions): ConnectionTracker {
  const table = new Map<string, Connection>();
  /** Client end (CIP|port|protocol) → key of its latest connection. */
  const byClientEnd = new Map<string, string>();

  function forget(c: Connection): void {
    const end = `${c.clientIp}|${c.clientPort}|${c.protocol}`;
    if (byClientEnd.get(end) === c.key) byClientEnd.delete(end);
  }

  function request(s: Sighting, f: Frame, protocol: 'tcp' | 'udp', sport: number, dport: number, t: number, syn: boolean): Connection | undefined {
    const ip = f.ip!;
    const key = connectionKeyOf(ip.src, sport, dport, protocol);
    let c = table.get(key);
    if (c && syn && c.closed) { table.delete(key); forget(c); options.onDone(c); c = undefined; }
    if (!c) {
      if (table.size >= options.maxConnections) return undefined;
      c = {
        key, protocol, clientIp: ip.src, clientPort: sport, vip: ip.dst, vport: dport,
        firstT: t, lastT: t, startedWithSyn: syn, firstRequest: [s], firstRequestIdentity: s.hashes.identity,
        requests: [], requestCount: 1, realServerMacs: [], replies: [], replyKinds: new Set(), closed: false,
      };
      table.set(key, c);
      byClientEnd.set(`${ip.src}|${sport}|${protocol}`, key);
    } else {
      c.lastT = t;
      // Count packets at one vantage point (the first that saw the connection), retransmissions included.
      if (s.capture === c.firstRequest[0]!.capture) c.requestCount++;
      if (s.hashes.identity === c.firstRequestIdentity) {
        if (c.firstRequest.length < MAX_SIGHTINGS) c.firstRequest.push(s);
      } else if (c.requests.length < MAX_SIGHTINGS) c.requests.push(s);
    }
    const src = srcMacOf(s), dst = dstMacOf(s);
    if (topology.isDirectorMac(src) && dst !== undefined && !topology.isDirectorMac(dst) && !c.realServerMacs.includes(dst)) c.realServerMacs.push(dst);
    return c;
  }

  function reply(s: Sighting, key: string, kind: ReplyKind, t: number): Connection | undefined {
    const c = table.get(key);
    if (!c) return undefined;
    c.lastT = t;
    c.replyKinds.add(kind);
    if (c.replies.length < MAX_SIGHTINGS) c.replies.push(s);
    if (kind === 'rst') c.closed = true;
    return c;
  }

  return {
    observe(s, t) {
      const f = s.frame, ip = f.ip, l4 = f.l4;
      if (!ip || !l4) return undefined;
      if (l4.kind === 'tcp' || l4.kind === 'udp') {
        const protocol = l4.kind;
        if (topology.isVip(ip.dst) && topology.isServicePort(ip.dst, protocol, l4.dport)) {
          const syn = protocol === 'tcp' && (l4.flags & (TCP_SYN | TCP_ACK)) === TCP_SYN;
          return request(s, f, protocol, l4.sport, l4.dport, t, syn);
        }
        // A reply goes back to the client's port, normally from the service port; a real
        // server answering from another port (a NAT port map) is still answering this client.
        let key = connectionKeyOf(ip.dst, l4.dport, l4.sport, protocol);
        if (!table.has(key)) {
          const other = byClientEnd.get(`${ip.dst}|${l4.dport}|${protocol}`);
          if (other === undefined || topology.isVip(ip.src) || topology.isClientIp(ip.src)) return undefined;
          key = other;
        }
        const kind = protocol === 'tcp' ? tcpReplyKind(l4.flags) : 'data';
        return reply(s, key, kind, t);
      }
      if ((l4.kind === 'icmp' || l4.kind === 'icmpv6') && l4.embedded?.sport !== undefined && l4.embedded.dport !== undefined) {
        const e = l4.embedded;
        const protocol = e.protocol === 6 ? 'tcp' : e.protocol === 17 ? 'udp' : undefined;
        if (!protocol) return undefined;
        return reply(s, connectionKeyOf(e.src, e.sport!, e.dport!, protocol), 'icmp', t);
      }
      return undefined;
    },
    expire(t) {
      for (const [key, c] of table) {
        if (t - c.lastT > options.idleSeconds) { table.delete(key); forget(c); options.onDone(c); }
      }
    },
    drain() {
      for (const c of table.values()) options.onDone(c);
      table.clear();
      byClientEnd.clear();
    },
    get size() { return table.size; },
  };
}
