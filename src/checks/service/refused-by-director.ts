import { formatIp, formatMac, type IpAddress, type Mac } from '../../decode/addresses.js';
import { formatEndpoint } from '../../config/service-key.js';
import type { Connection } from '../../correlate/connections.js';
import { srcMacOf, type Sighting } from '../../correlate/sighting.js';
import { isSynRefusal } from '../../correlate/syn-refusal.js';
import type { EvidenceRef } from '../check-api.js';
import { configuredPortOf } from '../configured-port.js';
import { defineCheck } from '../check-api.js';
import { directorSending } from '../vantage.js';

const EVIDENCE = 8;
const MAX_TALLIES = 1024;

type PortTally = {
  readonly director: Mac;
  readonly vip: IpAddress;
  readonly vport: number;
  refused: number;
  forwarded: number;
  /** UDP exchanges to the same port the director forwarded (a DNS-style service on both). */
  forwardedUdp: number;
  readonly evidence: EvidenceRef[];
};

export default defineCheck({
  meta: {
    id: 'service/refused-by-director',
    title: 'The director refuses new connections to a VIP port itself',
    severity: 'error',
    summary: 'Fires when the director answers a client\'s SYN to a VIP port with a TCP reset of its own (RST|ACK from the VIP with the director\'s MAC) instead of forwarding it, once per director and port: a fault when the configuration lists the service or the director forwarded other connections to it, inconclusive without configuration, silent when the given table has other services on the VIP and not this port.',
    why: 'IPVS only takes packets for a port that has a virtual service; everything else to the VIP goes to the director\'s own stack, which refuses a port nothing listens on. So a SYN reset by the director means no virtual service for that VIP and port (never added, lost at a reboot, a keepalived virtual_server that was rejected, a backup director without the table) or a REJECT rule on the director, which runs before IPVS. The client sees "connection refused". If the port is meant to be closed (an operator probing the VIP), nothing is wrong.',
    fix: 'If clients should reach the port: on the director, ipvsadm -Ln must list the virtual service; add it (ipvsadm -A -t VIP:PORT -s wrr, then ipvsadm -a -t VIP:PORT -r RIP:PORT -g for each real server) or fix the keepalived virtual_server (its log says why it was rejected); look for a REJECT rule on the VIP (nft list ruleset, iptables -S INPUT). If the port should be closed, nothing is wrong.',
    docs: 'docs/checks/service/refused-by-director.md',
    messages: {
      noService: '{{director}} refused {{refusals}} to {{service}} itself and forwarded none: it has no virtual service for that port, or a REJECT rule answers first. Without the director\'s table (--ipvsadm, --keepalived) a port meant to be closed cannot be told from a missing service.',
      configured: '{{director}} refused {{refusals}} to {{service}} itself and forwarded none, although the configuration lists that service: a REJECT rule answers first, or the director\'s table is not the one given.',
      udpOnly: '{{director}} refused {{refusals}} to {{service}} itself and forwarded none, while {{vip}}:{{vport}}/udp is balanced: the service has no TCP virtual service (DNS falls back to TCP for large answers, and zone transfers use it).',
      someRefused: '{{director}} refused {{refusals}} to {{service}} itself and forwarded {{forwarded}}: a REJECT rule for some clients, or the virtual service was missing for a while.',
    },
  },
  create(ctx) {
    const tallies = new Map<string, PortTally>();
    const tallyOf = (director: Mac, c: Connection): PortTally | undefined => {
      const key = `${director}|${formatIp(c.vip)}|${c.vport}`;
      let t = tallies.get(key);
      if (!t && tallies.size < MAX_TALLIES) tallies.set(key, (t = { director, vip: c.vip, vport: c.vport, refused: 0, forwarded: 0, forwardedUdp: 0, evidence: [] }));
      return t;
    };
    // The director that forwarded the connection: its copy toward a real server, or a tunnelled one.
    const forwardingDirectorOf = (c: Connection): Mac | undefined => {
      const out = c.realServerSightings[0] ?? (c.tunnelledTo !== undefined ? c.firstRequest.find((s) => directorSending(s, ctx.topology) !== undefined) : undefined);
      return out && directorSending(out, ctx.topology);
    };
    // The director's own reset of the connection's SYN.
    const refusalOf = (c: Connection): Sighting | undefined => c.replies.find((r) => {
      const ip = r.frame.ip, l4 = r.frame.l4;
      return ip !== undefined && l4?.kind === 'tcp' && ip.src === c.vip && isSynRefusal(l4) && directorSending(r, ctx.topology) !== undefined;
    });
    return {
      connection(c) {
        if (c.protocol === 'udp') {
          const director = forwardingDirectorOf(c);
          if (director !== undefined) { const tally = tallyOf(director, c); if (tally) tally.forwardedUdp++; }
          return;
        }
        if (!c.startedWithSyn) return;
        const refusal = refusalOf(c);
        if (refusal !== undefined) {
          const tally = tallyOf(srcMacOf(refusal)!, c);
          if (!tally) return;
          tally.refused++;
          for (const s of [c.firstRequest[0], refusal]) if (s && tally.evidence.length < EVIDENCE) tally.evidence.push({ capture: s.capture, frame: s.frame });
          return;
        }
        const director = forwardingDirectorOf(c);
        if (director !== undefined) { const tally = tallyOf(director, c); if (tally) tally.forwarded++; }
      },
      end() {
        for (const t of tallies.values()) {
          if (t.refused === 0) continue;
          const service = `${formatIp(t.vip)}:${t.vport}/tcp`;
          const port = configuredPortOf(ctx.config, t.vip, 'tcp', t.vport);
          const configured = port === 'configured';
          // Balanced for UDP (seen, or configured) and not for TCP: half a DNS-style service.
          const udpOnly = t.forwarded === 0 && !configured && (port === 'other-protocol' || t.forwardedUdp > 0);
          // The table has this VIP's services and not this port: closed as configured.
          if (t.forwarded === 0 && port === 'not-configured' && t.forwardedUdp === 0) continue;
          const label = ctx.topology.labelOfMac(t.director);
          const refusals = t.refused === 1 ? '1 new connection' : `${t.refused} new connections`;
          ctx.report({
            messageId: t.forwarded > 0 ? 'someRefused' : configured ? 'configured' : udpOnly ? 'udpOnly' : 'noService',
            ...(t.forwarded === 0 && !configured && !udpOnly ? { verdict: 'inconclusive' as const } : {}),
            data: { director: label, refusals, service, forwarded: t.forwarded, vip: formatIp(t.vip), vport: t.vport },
            key: `${t.director}|${service}`,
            hosts: [{ mac: t.director }],
            evidence: t.evidence,
            expected: `SYNs to ${service} forwarded to a real server`,
            seen: `${t.refused === 1 ? '1 SYN' : `${t.refused} SYNs`} answered with RST|ACK from ${formatIp(t.vip)}:${t.vport} by ${formatMac(t.director)} (its own stack), ${t.forwarded} forwarded`,
            fix: fixFor(t, label, configured, udpOnly),
          });
        }
      },
    };
  },
});

function fixFor(t: PortTally, director: string, configured: boolean, udpOnly: boolean): string {
  const service = formatEndpoint(t.vip, t.vport);
  const reject = `look for a REJECT rule on ${service} (nft list ruleset, iptables -S INPUT)`;
  if (udpOnly) return `On ${director}: add the TCP virtual service beside the UDP one, with the same real servers (ipvsadm -A -t ${service} -s rr, then ipvsadm -a -t ${service} -r RIP:${t.vport} -g for each; in keepalived a second virtual_server with protocol TCP), and make the real servers listen on TCP ${t.vport} too.`;
  if (configured || t.forwarded > 0) return `On ${director}: ${reject}, and compare ipvsadm -Ln with the configuration.`;
  return `If clients should reach ${service}: on ${director}, add the virtual service (ipvsadm -A -t ${service} -s wrr, then ipvsadm -a -t ${service} -r RIP:${t.vport} -g for each real server) or fix its keepalived virtual_server (the log says why one was rejected), and ${reject}. If the port is meant to be closed, nothing is wrong.`;
}
