// Which real server a VIP connection was scheduled to, from the best vantage available:
// the director's forwarded copy, the real server's own capture, or the director itself when it
// served the connection (LocalNode).

import type { Mac } from '../../decode/addresses.js';
import type { Connection } from '../../correlate/connections.js';
import { srcMacOf } from '../../correlate/sighting.js';
import type { TopologyView } from '../../correlate/topology.js';
import type { CaptureView } from '../check-api.js';
import { isInbound } from '../vantage.js';
import { servingDirectorOf } from '../../correlate/local-node.js';

export function realServerOf(c: Connection, captures: readonly CaptureView[], t: TopologyView): Mac | undefined {
  // Only what a director forwarded was scheduled: connections that reached a real server
  // directly (ARP flux) bypassed the scheduler.
  if (c.realServerMacs[0] !== undefined) return c.realServerMacs[0];
  for (const s of c.firstRequest) {
    const cap = captures[s.capture]!;
    if (cap.role === 'real-server' && cap.hostMac !== undefined && isInbound(s, cap) && t.isDirectorMac(srcMacOf(s))) return cap.hostMac;
  }
  return servingDirectorOf(c, t);
}
