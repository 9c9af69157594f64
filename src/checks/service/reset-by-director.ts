import { formatIp, formatMac } from '../../decode/addresses.js';
import { connectionKeyOf } from '../../correlate/connections.js';
import { isSynRefusal } from '../../correlate/syn-refusal.js';
import { defineCheck } from '../check-api.js';
import { directorSending } from '../vantage.js';

const TCP_RST = 0x04;

export default defineCheck({
  meta: {
    id: 'service/reset-by-director',
    title: 'The director resets VIP connections itself',
    severity: 'error',
    summary: 'Fires when a TCP RST sourced from the VIP is sent by the director\'s MAC for a connection under way (a refused SYN is service/refused-by-director).',
    why: 'The director never answers for the service in DR. An RST from the VIP with the director\'s MAC comes from its own TCP stack: IPVS had no connection entry for the packet (failover without connection sync, the 900 s IPVS TCP idle timeout, expire_nodest_conn after a real server was removed) or a REJECT rule on the director.',
    fix: 'For failover: run connection sync between the directors (keepalived lvs_sync_daemon or ipvsadm --start-daemon); for idle connections: raise the IPVS TCP timeout (ipvsadm --set 3600 120 300) or enable TCP keepalives below 900 s; remove REJECT rules for the VIP.',
    docs: 'docs/checks/service/reset-by-director.md',
    messages: {
      reset: 'The director ({{mac}}) sent RST from {{vip}}:{{vport}} to {{client}}.',
    },
  },
  sightingKinds: ['tcp'],
  create(ctx) {
    return {
      sighting(s) {
        const ip = s.frame.ip, l4 = s.frame.l4;
        if (!ip || !l4 || l4.kind !== 'tcp' || !(l4.flags & TCP_RST) || !ctx.topology.isVip(ip.src)) return;
        const director = directorSending(s, ctx.topology);
        if (director === undefined) return;
        ctx.explain(connectionKeyOf(ip.dst, l4.dport, l4.sport, 'tcp'));
        // A refused SYN is a port without a virtual service, not a connection lost: service/refused-by-director.
        if (isSynRefusal(l4)) return;
        ctx.report({
          messageId: 'reset',
          data: { mac: formatMac(director), vip: formatIp(ip.src), vport: l4.sport, client: `${formatIp(ip.dst)}:${l4.dport}` },
          key: String(director),
          hosts: [{ mac: director }],
          evidence: [{ capture: s.capture, frame: s.frame }],
          expected: 'only real servers answer for the VIP',
          seen: `RST from ${formatIp(ip.src)}:${l4.sport} with the director's MAC ${formatMac(director)}`,
        });
      },
    };
  },
});
