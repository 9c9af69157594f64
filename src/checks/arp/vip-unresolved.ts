import { formatIp } from '../../decode/addresses.js';
import { dstMacOf } from '../../correlate/sighting.js';
import { defineCheck } from '../check-api.js';
import { createUnresolvedVipTracker } from '../unresolved-vip.js';

const ICMP_DEST_UNREACH = 3, ICMP_HOST_UNREACH = 1;
const TCP_SYN = 0x02, TCP_ACK = 0x10;
const BROADCAST_MAC = 0xffffffffffff;

export default defineCheck({
  meta: {
    id: 'arp/vip-unresolved',
    title: 'Nobody answers ARP for the VIP',
    severity: 'error',
    summary: 'Fires when "who-has VIP" is asked again and again and no host answers (no ARP from the VIP in any capture), or a router reports the VIP host-unreachable (ICMP 3/1).',
    why: 'In DR the director must own the VIP on the LAN: the router (or an on-link client) resolves the VIP by ARP and sends every client packet to the MAC that answers. If nobody answers, nothing reaches the director; the router drops the clients\' packets and returns ICMP host unreachable after about three seconds. Typical causes: the VIP is not configured on the director (keepalived not MASTER, address removed), or it sits on lo with arp_ignore=1 copied from the real servers\' set-up, so the director ignores requests for it on eth0.',
    fix: 'On the active director put the VIP on the interface that faces the router (ip addr add VIP/32 dev eth0) and keep arp_ignore at 0 there (arp_ignore=1 and arp_announce=2 belong on the real servers); with keepalived check that one instance is MASTER and holds the VIP (ip addr show dev eth0).',
    docs: 'docs/checks/arp/vip-unresolved.md',
    messages: {
      unresolved: 'Nobody answers ARP for {{vip}}: {{asker}} cannot deliver the clients\' packets to it.',
    },
  },
  sightingKinds: ['arp', 'tcp', 'icmp'],
  create(ctx) {
    const tracker = createUnresolvedVipTracker(ctx, {
      describeRequests: (target, asker) => `"who-has ${formatIp(target)} tell ${formatIp(asker)}"`,
      protocol: 'ARP',
      answer: (target, owner) => `"${formatIp(target)} is-at ${owner}"`,
    });
    return {
      sighting(s) {
        const f = s.frame;
        const arp = f.arp;
        if (arp) {
          // Any ARP from the target (a reply, a gratuitous ARP, its own request) resolves it.
          tracker.answered(arp.spa);
          // Broadcast resolution only: a unicast probe (sent to the cached MAC; Linux leaves the
          // target MAC zero in both) re-checks an entry and, after a failover, goes unanswered by
          // design until the new owner is asked. Cooked captures show no destination: all count.
          const dst = dstMacOf(s);
          if (arp.op !== 1 || arp.spa === arp.tpa || arp.spa === 0 || (dst !== undefined && dst !== BROADCAST_MAC)) return;
          tracker.request(s, arp.tpa, arp.spa);
          return;
        }
        const ip = f.ip, l4 = f.l4;
        if (!ip || ip.version !== 4 || !l4) return;
        if (l4.kind === 'tcp') {
          if ((l4.flags & (TCP_SYN | TCP_ACK)) === TCP_SYN) tracker.connectionTarget(ip.dst);
          return;
        }
        // A router that gave up resolving the destination of a packet it was forwarding.
        if (l4.kind !== 'icmp' || l4.type !== ICMP_DEST_UNREACH || l4.code !== ICMP_HOST_UNREACH) return;
        const e = l4.embedded;
        if (e && e.version === 4) tracker.unreachable(s, e.dst, ip.src, 'ICMP host unreachable');
      },
      end: () => tracker.end(),
    };
  },
});
