// LocalNode: a director that is also a real server of its own virtual service (ipvsadm -a
// -r DIP or -r 127.0.0.1) hands those connections to its own stack (ip_vs_dr_xmit: a local
// route means ip_vs_send_or_cont(..., 1), nothing on the wire), which answers from the VIP with
// the director's MAC and an initial TTL. The director's other answers from the VIP are resets and
// ICMP errors (no connection entry, no route, a firewall), and replies it relays for a real
// server that uses it as gateway carry a TTL already decremented.

import { isIpv4, type IpAddress, type Mac } from '../decode/addresses.js';
import type { Connection } from './connections.js';
import { srcMacOf, type Sighting } from './sighting.js';
import type { TopologyView } from './topology.js';
import { INITIAL_TTLS } from './topology-evidence.js';

const TCP_RST = 0x04;

/** The director that made this reply itself as a server (a SYN-ACK, data, a UDP answer), if one did. */
export function localNodeReplier(s: Sighting, t: TopologyView): Mac | undefined {
  const ip = s.frame.ip, l4 = s.frame.l4;
  if (!ip || !l4 || !INITIAL_TTLS.has(ip.ttl)) return undefined;
  if (!(l4.kind === 'udp' || (l4.kind === 'tcp' && (l4.flags & TCP_RST) === 0))) return undefined;
  const src = srcMacOf(s);
  return t.isDirectorMac(src) && t.isVip(ip.src) && t.isServicePort(ip.src, l4.kind, l4.sport) ? src : undefined;
}

/** The director that served the connection itself, from its replies. */
export function servingDirectorOf(c: Connection, t: TopologyView): Mac | undefined {
  for (const r of c.replies) {
    const d = localNodeReplier(r, t);
    if (d !== undefined) return d;
  }
  return undefined;
}

export function isLoopback(ip: IpAddress): boolean {
  return isIpv4(ip) ? ip >>> 24 === 127 : ip === '::1';
}

/**
 * The configured real server a director stands for when it serves connections itself: one of
 * its own addresses, or a loopback address (the LVS-HOWTO's `-r 127.0.0.1`).
 */
export function localNodeServer(realServers: readonly { readonly ip: IpAddress }[], directorIps: readonly IpAddress[]): IpAddress | undefined {
  return realServers.find((r) => directorIps.includes(r.ip))?.ip ?? realServers.find((r) => isLoopback(r.ip))?.ip;
}
