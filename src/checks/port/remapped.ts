import { formatIp } from '../../decode/addresses.js';
import { dstMacOf } from '../../correlate/sighting.js';
import { connectionKeyOf } from '../../correlate/connections.js';
import { defineCheck } from '../check-api.js';
import { hostRefOf } from '../host-ref.js';

export default defineCheck({
  meta: {
    id: 'port/remapped',
    title: 'A VIP connection reaches the real server on another port',
    severity: 'error',
    summary: 'Fires when a client→VIP packet arrives further down the path with a destination port other than the one the client used.',
    why: 'DR never rewrites layer 4: ipvsadm forces the real-server port to the service port for -g, and keepalived ≥ 2.0.15 resets it. A port that changes on the way means the director is in NAT mode (-m) or something else rewrites the packet, so the real server is reached on a port the DR design did not intend.',
    fix: 'In DR, make the service listen on the virtual port on every real server (or REDIRECT locally on the real server); use -m (NAT) only with the real servers routing back through the director.',
    docs: 'docs/checks/port/remapped.md',
    messages: {
      remapped: 'Connections to {{vip}}:{{vport}} reach {{host}} on port {{port}}.',
    },
  },
  sightingKinds: ['tcp', 'udp'],
  create(ctx) {
    return {
      sighting(s, earlier) {
        const l4 = s.frame.l4;
        if (!l4 || (l4.kind !== 'tcp' && l4.kind !== 'udp') || earlier.length === 0) return;
        // A plain loop, not find(): this runs for most frames and a closure per call adds up.
        let original: (typeof earlier)[number] | undefined;
        for (const e of earlier) {
          const ip = e.frame.ip, el4 = e.frame.l4;
          if (ip !== undefined && el4 !== undefined && el4.kind === l4.kind && el4.dport !== l4.dport && ctx.topology.isVip(ip.dst)) { original = e; break; }
        }
        if (!original) return;
        const oip = original.frame.ip!, ol4 = original.frame.l4 as typeof l4;
        ctx.explain(connectionKeyOf(oip.src, ol4.sport, ol4.dport, ol4.kind));
        const dst = dstMacOf(s);
        const host = ctx.topology.hostByMac(dst) ?? ctx.topology.hostByIp(s.frame.ip?.dst) ?? ctx.captures[s.capture]!.host;
        const hostRef = host ? hostRefOf(host) : { ...(dst !== undefined ? { mac: dst } : {}) };
        ctx.report({
          messageId: 'remapped',
          data: { vip: formatIp(oip.dst), vport: ol4.dport, host: host?.name ?? 'the real server', port: l4.dport },
          key: `${host?.name ?? dst ?? ''}|${ol4.dport}>${l4.dport}`,
          hosts: [hostRef],
          evidence: [{ capture: original.capture, frame: original.frame }, { capture: s.capture, frame: s.frame }],
          expected: `destination port ${ol4.dport} all the way to the real server`,
          seen: `destination port ${l4.dport}`,
        });
      },
    };
  },
});
