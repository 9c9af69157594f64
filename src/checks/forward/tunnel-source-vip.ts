import { formatIp, formatMac } from '../../decode/addresses.js';
import { IPPROTO } from '../../decode/constants.js';
import { connectionKeyOf } from '../../correlate/connections.js';
import { defineCheck } from '../check-api.js';
import { directorSending } from '../vantage.js';

/** The explanation key of a connection whose tunnelled packets came from the VIP (service/unanswered-at-rs skips those). */
export function fromVipKey(connectionKey: string): string {
  return `tunnel-source-vip|${connectionKey}`;
}

export default defineCheck({
  meta: {
    id: 'forward/tunnel-source-vip',
    title: 'The director sends its IP-in-IP packets from the VIP',
    severity: 'error',
    summary: 'Fires when a director\'s tunnelled copy (LVS-TUN) carries the VIP as the source of its outer header.',
    why: 'The outer header of a tunnelled packet gets its source from the director\'s address selection toward the real server. When that picks the VIP (IPv6 source selection often does: VIP6 on the same interface and prefix; IPv4 when the VIP is the interface\'s primary address), the real server, which holds the VIP on its tunnel device, receives a packet from one of its own addresses: ip6_tnl_rcv_ctl() (IPv6) and the martian-source check (IPv4) drop it without an answer, and every connection times out.',
    fix: 'Keep the VIP out of source selection on the director: IPv6 ip -6 addr change VIP6/128 dev eth0 preferred_lft 0 (a deprecated address is never chosen), or ip -6 route replace RS-PREFIX dev eth0 src DIP6; IPv4 the VIP as a /32 secondary address with the DIP primary, or ip route replace RS-SUBNET dev eth0 src DIP.',
    docs: 'docs/checks/forward/tunnel-source-vip.md',
    messages: {
      fromVip: 'The director ({{director}}) sends its {{kind}} packets from VIP {{vip}}: real servers holding the VIP drop them as coming from their own address.',
    },
  },
  sightingKinds: ['ip'],
  create(ctx) {
    return {
      sighting(s) {
        const tunnel = s.frame.tunnel;
        if (tunnel === undefined || !ctx.topology.isVip(tunnel.src)) return;
        const director = directorSending(s, ctx.topology);
        if (director === undefined) return;
        const ip = s.frame.ip!, l4 = s.frame.l4;
        if (l4 && (l4.kind === 'tcp' || l4.kind === 'udp')) {
          const key = connectionKeyOf(ip.src, l4.sport, l4.dport, l4.kind);
          ctx.explain(key);
          ctx.explain(fromVipKey(key));
        }
        ctx.report({
          messageId: 'fromVip',
          data: { director: formatMac(director), vip: formatIp(tunnel.src), kind: tunnel.protocol === IPPROTO.GRE ? 'GRE' : 'IP-in-IP' },
          key: `${director}|${formatIp(tunnel.src)}`,
          hosts: [{ mac: director }],
          evidence: [{ capture: s.capture, frame: s.frame }],
          expected: `outer source ${ctx.topology.hostByMac(director)?.ips.filter((ip) => !ctx.topology.isVip(ip)).map(formatIp)[0] ?? 'the DIP'} (the director's own address)`,
          seen: `outer header ${formatIp(tunnel.src)} > ${formatIp(tunnel.dst)}`,
        });
      },
    };
  },
});
