import { formatIp, formatMac, type Mac } from '../../decode/addresses.js';
import { connectionKeyOf } from '../../correlate/connections.js';
import { srcMacOf, type Sighting } from '../../correlate/sighting.js';
import { defineCheck } from '../check-api.js';
import { directorReceiving, directorSending } from '../vantage.js';

const TCP_RST = 0x04;
const MAX_ANSWERED = 50_000;

function clientKeyOf(s: Sighting): string | undefined {
  const ip = s.frame.ip, l4 = s.frame.l4;
  if (!ip || !l4 || (l4.kind !== 'tcp' && l4.kind !== 'udp')) return undefined;
  return connectionKeyOf(ip.src, l4.sport, l4.dport, l4.kind);
}

export default defineCheck({
  meta: {
    id: 'forward/not-forwarded',
    title: 'A client packet for the VIP entered the director and never left it',
    severity: 'error',
    summary: 'Fires when a client→VIP service packet reaches the director (seen in the director\'s own capture) and no copy leaves toward a real server, whether the director dropped it silently or answered it itself (ICMP, RST).',
    why: 'The director must forward every packet of a virtual service. A silent drop on the director means a firewall rule (filter INPUT runs before IPVS; DR frames also pass OUTPUT/POSTROUTING), a stateful rule dropping NEW-not-SYN or INVALID packets, or a removed real server with expire_nodest_conn=0.',
    fix: 'Check the director\'s nftables/iptables INPUT, OUTPUT and POSTROUTING chains for the VIP and port, and conntrack-state rules; check ipvsadm -Ln for the service and its real servers.',
    docs: 'docs/checks/forward/not-forwarded.md',
    messages: {
      dropped: 'The director ({{director}}) received {{packet}} and never forwarded it to a real server.',
    },
  },
  sightingKinds: ['tcp', 'icmp', 'icmpv6'],
  create(ctx) {
    // Client endpoints the director answered itself (RST or ICMP from the VIP): explained elsewhere.
    const answered = new Set<string>();
    return {
      sighting(s) {
        const ip = s.frame.ip, l4 = s.frame.l4;
        if (!ip || !l4 || !ctx.topology.isVip(ip.src) || directorSending(s, ctx.topology) === undefined) return;
        let key: string | undefined;
        if (l4.kind === 'tcp' && l4.flags & TCP_RST) key = connectionKeyOf(ip.dst, l4.dport, l4.sport, 'tcp');
        else if ((l4.kind === 'icmp' || l4.kind === 'icmpv6') && l4.embedded?.sport !== undefined) {
          const e = l4.embedded;
          key = connectionKeyOf(e.src, e.sport!, e.dport!, e.protocol === 6 ? 'tcp' : 'udp');
        }
        if (key !== undefined && answered.size < MAX_ANSWERED) answered.add(key);
      },
      packetExpired(sightings) {
        const first = sightings[0]!;
        const ip = first.frame.ip, l4 = first.frame.l4;
        if (!ip || !l4 || (l4.kind !== 'tcp' && l4.kind !== 'udp')) return;
        if (!ctx.topology.isVip(ip.dst) || !ctx.topology.isServicePort(ip.dst, l4.kind, l4.dport)) return;
        // The director's own capture must have seen it arrive, so it would also see it leave.
        let arrived: Sighting | undefined, director: Mac | undefined;
        for (const s of sightings) {
          const c = ctx.captures[s.capture]!;
          const d = directorReceiving(s, ctx.captures, ctx.topology);
          if (d !== undefined && c.role === 'director' && c.hostMac === d) { arrived = s; director = d; break; }
        }
        if (!arrived || director === undefined) return;
        // Forwarded if a copy left the director (its MAC as source) or anything downstream saw it
        // with a lower TTL (a director with separate ingress and egress NICs).
        const arrivalTtl = arrived.frame.ip!.ttl;
        for (const s of sightings) {
          if (srcMacOf(s) === director || (s.frame.ip !== undefined && s.frame.ip.ttl < arrivalTtl)) return;
        }
        const key = clientKeyOf(first);
        if (key !== undefined) ctx.explain(key);
        const answeredItself = key !== undefined && answered.has(key);
        ctx.report({
          messageId: 'dropped',
          data: { director: formatMac(director), packet: `${formatIp(ip.src)}:${l4.sport} → ${formatIp(ip.dst)}:${l4.dport}/${l4.kind}` },
          key: String(director),
          hosts: [{ mac: director }],
          evidence: sightings.slice(0, 6).map((s) => ({ capture: s.capture, frame: s.frame })),
          expected: `the packet leaves the director toward a real server's MAC`,
          seen: `received at ${ctx.captures[arrived.capture]!.name}, no copy left the director` +
            (answeredItself ? '; the director answered the client itself (see forward/icmp-from-director, service/reset-by-director)' : ''),
        });
      },
    };
  },
});
