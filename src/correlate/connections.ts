// VIP connections (TCP) and exchanges (UDP) keyed by the client's end: CIP, client port,
// service port, protocol. Requests are packets to a VIP service port; replies are packets
// back to the client's port from the service port, whatever their source address (a
// reply from the RIP is exactly what return/source-not-vip looks for) or ICMP errors that
// quote a request. Connections are handed to the checks and forgotten when idle, soon after
// they close (FIN or RST), or, when the table is full, oldest first: on a busy director
// thousands are in flight and every one holds its sightings.

import type { IpAddress, Mac } from '../decode/addresses.js';
import type { EmbeddedPacket, Frame } from '../decode/frame-types.js';
import { EndpointMap } from './endpoint-map.js';
import { dstMacOf, samePacket, srcMacOf, type Sighting } from './sighting.js';
import type { TopologyView } from './topology.js';

const TCP_FIN = 0x01, TCP_SYN = 0x02, TCP_RST = 0x04, TCP_ACK = 0x10;
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
  /** The first director-out sighting toward each of realServerMacs (same order). */
  readonly realServerSightings: Sighting[];
  /** Where a director tunnelled the requests (LVS-TUN): the first outer destination seen. */
  tunnelledTo: IpAddress | undefined;
  /** Sightings of reply packets (bounded). */
  readonly replies: Sighting[];
  readonly replyKinds: Set<ReplyKind>;
  /**
   * The client acknowledged the server's SYN (a later request with ACK set): the SYN-ACK reached
   * it, though no capture need have seen it (in DR the director never sees replies).
   */
  clientAcknowledged: boolean;
  /** A FIN or RST was seen either way: only late copies and retransmissions can follow. */
  closing: boolean;
};

function tcpReplyKind(flags: number): ReplyKind {
  if (flags & TCP_RST) return 'rst';
  if ((flags & (TCP_SYN | TCP_ACK)) === (TCP_SYN | TCP_ACK)) return 'syn-ack';
  return 'data';
}

/** Whether the client got an answer: a reply at some vantage point, or the client's handshake ACK. */
export function wasAnswered(c: Connection): boolean {
  return c.replyKinds.size > 0 || c.clientAcknowledged;
}

export type ConnectionTracker = {
  observe(s: Sighting, alignedT: number): Connection | undefined;
  expire(alignedT: number): void;
  drain(): void;
  readonly size: number;
};

export type TrackerOptions = {
  readonly idleSeconds: number;
  /** How long a closing connection waits for late sightings (other vantage points, retransmissions). */
  readonly closingSeconds: number;
  /** A new connection beyond this hands the oldest one on. */
  readonly maxConnections: number;
  readonly onDone: (c: Connection) => void;
  /** Aligned time of a sighting (clock offsets applied). */
  readonly alignedTime: (s: Sighting) => number;
};

/** The key of the VIP connection from clientIp:clientPort to service port vport. */
export function connectionKeyOf(clientIp: IpAddress, clientPort: number, vport: number, protocol: string): string {
  return `${clientIp}|${clientPort}|${vport}|${protocol}`;
}

/** The key of the TCP or UDP connection a quoted packet (an ICMP error's) belongs to, when the quote holds its ports. */
export function quotedConnectionKey(q: EmbeddedPacket | undefined): string | undefined {
  if (q?.sport === undefined || q.dport === undefined) return undefined;
  const protocol = q.protocol === 6 ? 'tcp' : q.protocol === 17 ? 'udp' : undefined;
  return protocol && connectionKeyOf(q.src, q.sport, q.dport, protocol);
}

/** The ports and protocol of a connection as one integer (client port, service port, protocol). */
function connectionX(clientPort: number, vport: number, protocol: 'tcp' | 'udp'): number {
  return clientPort * 0x20000 + vport * 2 + (protocol === 'udp' ? 1 : 0);
}

function clientEndX(clientPort: number, protocol: 'tcp' | 'udp'): number {
  return clientPort * 2 + (protocol === 'udp' ? 1 : 0);
}

/**
 * `topologyOf` is read per packet: live watching swaps the topology while connections are in
 * flight, and they must not be cut short by it.
 */
export function createConnectionTracker(topologyOf: () => TopologyView, options: TrackerOptions): ConnectionTracker {
  // Keyed by client address plus ports and protocol; iterated in creation order, in which
  // idle connections are handed on.
  const table = new EndpointMap<Connection>();
  /** Client end (CIP, port, protocol) → its latest connection. */
  const byClientEnd = new EndpointMap<Connection>();
  /** No connection is due before this (a lower bound: activity only moves a due time later). */
  let earliestDue = Infinity;

  function dueOf(c: Connection): number {
    return c.lastT + (c.closing ? options.closingSeconds : options.idleSeconds);
  }

  function remove(c: Connection): void {
    table.delete(c.clientIp, connectionX(c.clientPort, c.vport, c.protocol));
    const endX = clientEndX(c.clientPort, c.protocol);
    if (byClientEnd.get(c.clientIp, endX) === c) byClientEnd.delete(c.clientIp, endX);
  }

  function touch(c: Connection, t: number, flags: number): void {
    c.lastT = t;
    if (flags & (TCP_FIN | TCP_RST)) c.closing = true;
    // Timestamps may step back a little within a capture, and closing brings the due time forward.
    const due = dueOf(c);
    if (due < earliestDue) earliestDue = due;
  }

  function request(s: Sighting, f: Frame, protocol: 'tcp' | 'udp', sport: number, dport: number, t: number, flags: number): Connection | undefined {
    const syn = protocol === 'tcp' && (flags & (TCP_SYN | TCP_ACK)) === TCP_SYN;
    const ip = f.ip!;
    const x = connectionX(sport, dport, protocol);
    let c = table.get(ip.src, x);
    // A SYN after a FIN or RST: the client reused the port for a new connection.
    if (c && syn && c.closing) { remove(c); options.onDone(c); c = undefined; }
    if (!c) {
      if (table.size >= options.maxConnections) {
        const oldest = table.oldest()!;
        remove(oldest);
        options.onDone(oldest);
      }
      c = {
        key: connectionKeyOf(ip.src, sport, dport, protocol), protocol, clientIp: ip.src, clientPort: sport, vip: ip.dst, vport: dport,
        firstT: t, lastT: t, startedWithSyn: syn, firstRequest: [s], firstRequestIdentity: s.identity,
        requests: [], requestCount: 1, realServerMacs: [], realServerSightings: [], tunnelledTo: undefined, replies: [], replyKinds: new Set(),
        clientAcknowledged: false, closing: false,
      };
      table.set(ip.src, x, c);
      byClientEnd.set(ip.src, clientEndX(sport, protocol), c);
      touch(c, t, flags);
    } else {
      touch(c, t, flags);
      // A TCP in SYN-SENT sends no segment with ACK set until the peer's SYN arrives (RFC 9293).
      if (c.startedWithSyn && (flags & (TCP_ACK | TCP_SYN | TCP_RST)) === TCP_ACK) c.clientAcknowledged = true;
      // Count packets at one vantage point (the first that saw the connection), retransmissions
      // included; a director's capture also holds its forwarded copies, from another MAC.
      const first = c.firstRequest[0]!;
      if (s.capture === first.capture && srcMacOf(s) === srcMacOf(first)) c.requestCount++;
      if (s.identity === c.firstRequestIdentity && samePacket(s, c.firstRequest[0]!)) {
        if (c.firstRequest.length < MAX_SIGHTINGS) c.firstRequest.push(s);
      } else if (c.requests.length < MAX_SIGHTINGS) c.requests.push(s);
    }
    const src = srcMacOf(s);
    const topology = topologyOf();
    if (topology.isDirectorMac(src)) {
      // A tunnelled copy (LVS-TUN) is for the host that owns the outer destination, whichever
      // router's MAC the frame is addressed to (unknown when no capture showed that host's MAC).
      const tunnel = s.frame.tunnel;
      if (tunnel !== undefined && c.tunnelledTo === undefined) c.tunnelledTo = tunnel.dst;
      const dst = tunnel !== undefined ? topology.hostByIp(tunnel.dst)?.mac : dstMacOf(s);
      if (dst !== undefined && !topology.isDirectorMac(dst) && !c.realServerMacs.includes(dst) && c.realServerMacs.length < 8) {
        c.realServerMacs.push(dst);
        c.realServerSightings.push(s);
      }
    }
    return c;
  }

  function reply(s: Sighting, c: Connection | undefined, kind: ReplyKind, t: number, flags: number): Connection | undefined {
    if (!c) return undefined;
    touch(c, t, flags);
    c.replyKinds.add(kind);
    // A reset or ICMP error often ends a long connection whose first replies filled the list:
    // it has room of its own, or the checks that judge refusals would never see it.
    if (c.replies.length < (kind === 'rst' || kind === 'icmp' ? 2 * MAX_SIGHTINGS : MAX_SIGHTINGS)) c.replies.push(s);
    return c;
  }

  return {
    observe(s, t) {
      const f = s.frame, ip = f.ip, l4 = f.l4;
      if (!ip || !l4) return undefined;
      if (l4.kind === 'tcp' || l4.kind === 'udp') {
        const protocol = l4.kind;
        const topology = topologyOf();
        if (topology.isVip(ip.dst) && topology.isServicePort(ip.dst, protocol, l4.dport)) {
          return request(s, f, protocol, l4.sport, l4.dport, t, protocol === 'tcp' ? l4.flags : 0);
        }
        // A reply goes back to the client's port, normally from the service port; a real
        // server answering from another port (a NAT port map) is still answering this client.
        let c = table.get(ip.dst, connectionX(l4.dport, l4.sport, protocol));
        if (c === undefined) {
          c = byClientEnd.get(ip.dst, clientEndX(l4.dport, protocol));
          if (c === undefined || topology.isVip(ip.src) || topology.isClientIp(ip.src)) return undefined;
        }
        const flags = protocol === 'tcp' ? l4.flags : 0;
        return reply(s, c, protocol === 'tcp' ? tcpReplyKind(flags) : 'data', t, flags);
      }
      if ((l4.kind === 'icmp' || l4.kind === 'icmpv6') && l4.embedded?.sport !== undefined && l4.embedded.dport !== undefined) {
        const e = l4.embedded;
        const protocol = e.protocol === 6 ? 'tcp' : e.protocol === 17 ? 'udp' : undefined;
        if (!protocol) return undefined;
        return reply(s, table.get(e.src, connectionX(e.sport!, e.dport!, protocol)), 'icmp', t, 0);
      }
      return undefined;
    },
    expire(t) {
      if (!(t > earliestDue)) return;
      let next = Infinity;
      table.forEachOrdered((c) => {
        const due = dueOf(c);
        if (t > due) { remove(c); options.onDone(c); }
        else if (due < next) next = due;
      });
      earliestDue = next;
    },
    drain() {
      table.forEachOrdered(options.onDone);
      table.clear();
      byClientEnd.clear();
      earliestDue = Infinity;
    },
    get size() { return table.size; },
  };
}
