import { formatIp } from '../../decode/addresses.js';
import { dstMacOf, isMulticastMac } from '../../correlate/sighting.js';
import { defineCheck } from '../check-api.js';
import { createUnresolvedVipTracker } from '../unresolved-vip.js';

const ND_NEIGHBOR_SOLICITATION = 135, ND_NEIGHBOR_ADVERTISEMENT = 136;
const ICMPV6_DEST_UNREACH = 1, ICMPV6_ADDR_UNREACH = 3;
const TCP_SYN = 0x02, TCP_ACK = 0x10;

export default defineCheck({
  meta: {
    id: 'nd/vip-unresolved',
    title: 'Nobody answers neighbour solicitations for the IPv6 VIP',
    severity: 'error',
    summary: 'Fires when neighbour solicitations for the IPv6 VIP are sent again and again and no host answers (no advertisement for it in any capture), or a router reports the VIP address-unreachable (ICMPv6 1/3).',
    why: 'In DR the director must own the IPv6 VIP on the LAN: the router resolves it with a neighbour solicitation and sends every client packet to the MAC that advertises it. Neighbour discovery answers only for addresses on the interface the solicitation arrived on, so a director with the VIP on lo (like a real server), or without it at all (keepalived not MASTER), leaves it unresolved: the router drops the clients\' packets and returns ICMPv6 address unreachable.',
    fix: 'On the active director put the IPv6 VIP on the interface that faces the router (ip -6 addr add VIP/128 dev eth0); with keepalived check that one instance is MASTER and holds it (ip -6 addr show dev eth0).',
    docs: 'docs/checks/nd/vip-unresolved.md',
    messages: {
      unresolved: 'Nobody answers neighbour solicitations for {{vip}}: {{asker}} cannot deliver the clients\' packets to it.',
    },
  },
  sightingKinds: ['icmpv6', 'tcp'],
  create(ctx) {
    const tracker = createUnresolvedVipTracker(ctx, {
      describeRequests: (target, asker) => `"neighbour solicitation for ${formatIp(target)} from ${formatIp(asker)}"`,
      protocol: 'advertisement',
      answer: (target, owner) => `"neighbour advertisement for ${formatIp(target)} from ${owner}"`,
    });
    return {
      sighting(s) {
        const ip = s.frame.ip, l4 = s.frame.l4;
        if (!ip || ip.version !== 6 || !l4) return;
        if (l4.kind === 'tcp') {
          if ((l4.flags & (TCP_SYN | TCP_ACK)) === TCP_SYN) tracker.connectionTarget(ip.dst);
          return;
        }
        if (l4.kind !== 'icmpv6') return;
        if (l4.type === ND_NEIGHBOR_ADVERTISEMENT && l4.ndTarget !== undefined) { tracker.answered(l4.ndTarget); return; }
        if (l4.type === ND_NEIGHBOR_SOLICITATION && l4.ndTarget !== undefined) {
          // The target resolving others speaks for itself; duplicate address detection (from ::)
          // and unicast reachability probes (to the cached MAC) are not resolution.
          tracker.answered(ip.src);
          const dst = dstMacOf(s);
          if (ip.src === '::' || (dst !== undefined && !isMulticastMac(dst))) return;
          tracker.request(s, l4.ndTarget, ip.src);
          return;
        }
        if (l4.type !== ICMPV6_DEST_UNREACH || l4.code !== ICMPV6_ADDR_UNREACH) return;
        const e = l4.embedded;
        if (e && e.version === 6) tracker.unreachable(s, e.dst, ip.src, 'ICMPv6 address unreachable');
      },
      end: () => tracker.end(),
    };
  },
});
