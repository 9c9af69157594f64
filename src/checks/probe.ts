// Operators trace the path to the VIP. traceroute's UDP probes go to ports from 33434 up, which
// the director's own stack answers with port unreachable; its TCP probes (traceroute -T,
// tcptraceroute) are SYNs to the service port with small TTLs, and the one that reaches the
// director with TTL 1 gets time exceeded from the VIP, as IPVS decrements the TTL before it
// forwards. Neither is a fault of the deployment.

import type { Mac } from '../decode/addresses.js';
import type { IcmpMessage, Icmpv6Message } from '../decode/frame-types.js';
import { quotedConnectionKey, type Connection } from '../correlate/connections.js';
import type { CheckContext } from './check-api.js';
import { loopKey } from './forward/loop.js';
import { isPortUnreachable, isTimeExceeded } from './icmp-errors.js';

/** UDP ports from here up are never inferred as services (topology-evidence); traceroute's start at 33434. */
const EPHEMERAL_UDP = 32768;

/** Whether the director's ICMP error answers a traceroute probe rather than a client's packet. */
export function answersProbe(m: IcmpMessage | Icmpv6Message, ctx: CheckContext<string>, director: Mac): boolean {
  const e = m.embedded;
  if (e?.dport === undefined) return false;
  if (isPortUnreachable(m)) {
    return e.protocol === 17 && e.dport >= EPHEMERAL_UDP && !ctx.topology.isServicePort(e.dst, 'udp', e.dport);
  }
  if (!isTimeExceeded(m) || e.ttl > 1) return false;
  // A loop leaves repeated copies, which forward/loop explains before the last one dies; in the
  // director's own capture, a packet that arrived once with TTL 1 was sent with a small TTL.
  const key = quotedConnectionKey(e);
  return key !== undefined && !ctx.isExplained(loopKey(key)) &&
    ctx.captures.some((c) => c.role === 'director' && ctx.topology.isSameHost(c.hostMac, director));
}

/**
 * No system sends with an initial TTL below 32 (Linux and macOS use 64, Windows 128, network
 * gear 255); traceroute's probes start at 1 and rarely go past 30 hops.
 */
const PROBE_TTL = 32;

/**
 * Every copy of the connection's first request carried a TTL no sender starts from: a probe,
 * which no one expects to be answered or scheduled. (A loop's copies fall that low too, but its
 * first copy came in with the sender's TTL.)
 */
export function sentWithSmallTtl(c: Connection): boolean {
  return c.firstRequest.length > 0 && c.firstRequest.every((s) => s.frame.ip !== undefined && s.frame.ip.ttl < PROBE_TTL);
}
