import { formatIp, formatMac } from '../../decode/addresses.js';
import { dstMacOf, isMulticastMac, srcMacOf } from '../../correlate/sighting.js';
import { defineCheck } from '../check-api.js';

export default defineCheck({
  meta: {
    id: 'arp/vip-owner-changed',
    title: 'VIP traffic is sent to a MAC that is not the director\'s',
    severity: 'error',
    summary: 'Fires when the router or a client sends frames addressed to the VIP to a MAC other than the director\'s.',
    why: 'Client traffic must reach the director, which schedules it. When a router or client ARP cache points the VIP at a real server, that server receives connections directly: scheduling, persistence and failover stop working and connections break when the cache flips back.',
    fix: 'Find who announced the VIP (see arp/vip-answered-by-non-director and arp/vip-announced-by-non-director), fix its arp_ignore/arp_announce, then flush the stale entry on the router: ip neigh flush to VIP (or wait for it to age out).',
    docs: 'docs/checks/arp/vip-owner-changed.md',
    messages: {
      changed: '{{sender}} sends traffic for VIP {{vip}} to {{host}} ({{mac}}) instead of the director.',
    },
  },
  sightingKinds: ['arp', 'ip'],
  create(ctx) {
    // MACs that claimed a VIP in ARP: a router or client sending VIP traffic there follows that claim.
    const claimants = new Set<number>();
    return {
      sighting(s) {
        const a = s.frame.arp;
        if (a && ctx.topology.isVip(a.spa) && !ctx.topology.isDirectorMac(a.sha) && claimants.size < 4096) claimants.add(a.sha);
        const ip = s.frame.ip;
        const dst = dstMacOf(s);
        // A tunnelled frame (LVS-TUN) is addressed to the tunnel's endpoint, not to the VIP inside.
        if (!ip || dst === undefined || isMulticastMac(dst) || !ctx.topology.isVip(ip.dst) || s.frame.tunnel !== undefined) return;
        // Without a known director its own forwarded copies cannot be told from a stray sender's
        // (capture/missing-vantage says no capture shows the director).
        if (ctx.topology.directors.length === 0) return;
        const src = srcMacOf(s);
        if (ctx.topology.isDirectorMac(dst) || ctx.topology.isDirectorMac(src)) return;
        // Only traffic entering the cluster: from the router or a client, not a host relaying it back.
        if (ctx.topology.isRealServerMac(src)) return;
        // A client behind a router sends VIP traffic to its gateway: only real servers and VIP claimants count.
        if (!ctx.topology.isRealServerMac(dst) && !claimants.has(dst)) return;
        const host = ctx.topology.hostByMac(dst);
        ctx.report({
          messageId: 'changed',
          data: { sender: ctx.topology.labelOfMac(src), vip: formatIp(ip.dst), host: host?.name ?? formatMac(dst), mac: formatMac(dst) },
          key: String(dst),
          hosts: [{ mac: dst }],
          evidence: [{ capture: s.capture, frame: s.frame }],
          expected: `frames to VIP ${formatIp(ip.dst)} are addressed to the director's MAC`,
          seen: `frames to ${formatIp(ip.dst)} addressed to ${formatMac(dst)}`,
        });
      },
    };
  },
});
