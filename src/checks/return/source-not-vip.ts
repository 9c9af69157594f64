import { formatIp } from '../../decode/addresses.js';
import { srcMacOf } from '../../correlate/sighting.js';
import { defineCheck } from '../check-api.js';

export default defineCheck({
  meta: {
    id: 'return/source-not-vip',
    title: 'A real server replies from an address other than the VIP',
    severity: 'error',
    summary: 'Fires when a reply to a VIP connection (from the service port to the client\'s port) carries a source address other than the VIP.',
    why: 'The client sent its request to the VIP and accepts answers only from the VIP. A reply from the RIP is dropped by the client (or answered with ICMP port unreachable). TCP cannot do this by itself; it happens with UDP daemons bound to 0.0.0.0 that reply without IP_PKTINFO, or with SNAT/masquerading on the real server.',
    fix: 'Bind the UDP service to the VIP (or use IP_PKTINFO / IP_FREEBIND so replies leave from the address the request was sent to), and remove SNAT/MASQUERADE rules that match the service on the real server.',
    docs: 'docs/checks/return/source-not-vip.md',
    messages: {
      wrongSource: '{{host}} answers {{client}} from {{source}} instead of VIP {{vip}}.',
    },
  },
  create(ctx) {
    return {
      connection(c) {
        const bad = c.replies.find((r) => r.frame.ip && r.frame.ip.src !== c.vip && r.frame.l4 && r.frame.l4.kind !== 'icmp' && r.frame.l4.kind !== 'icmpv6');
        if (!bad) return;
        const src = bad.frame.ip!.src;
        const mac = srcMacOf(bad);
        const host = ctx.topology.hostByIp(src) ?? ctx.topology.hostByMac(mac);
        ctx.explain(c.key);
        ctx.report({
          messageId: 'wrongSource',
          data: { host: host?.name ?? formatIp(src), client: `${formatIp(c.clientIp)}:${c.clientPort}`, source: formatIp(src), vip: formatIp(c.vip) },
          key: String(src),
          hosts: [{ ip: src, ...(ctx.topology.isRealServerMac(mac) && mac !== undefined ? { mac } : {}) }],
          evidence: [...c.firstRequest.slice(0, 4), ...c.replies.filter((r) => r.frame.ip?.src === src).slice(0, 6)].map((x) => ({ capture: x.capture, frame: x.frame })),
          expected: `replies to ${formatIp(c.clientIp)}:${c.clientPort} come from ${formatIp(c.vip)}:${c.vport}`,
          seen: `reply from ${formatIp(src)}`,
          connection: c,
        });
      },
    };
  },
});
