import { formatIp } from '../../decode/addresses.js';
import { wasAnswered } from '../../correlate/connections.js';
import { defineCheck } from '../check-api.js';

export default defineCheck({
  meta: {
    id: 'service/unanswered',
    title: 'Client connections to the VIP get no answer',
    severity: 'error',
    summary: 'Fires when a client\'s connection attempts to the VIP get no answer (no SYN-ACK, RST or ICMP) and no other finding explains why.',
    why: 'The client sees a hang. The captures given do not show where the packets were lost: add captures from the director and the real servers to locate the fault.',
    fix: 'Capture on the director and on every real server at the same time (tcpdump -i IFACE -w HOST.pcap host VIP) and analyse them together.',
    docs: 'docs/checks/service/unanswered.md',
    messages: {
      unanswered: '{{client}} got no answer from {{vip}}:{{vport}} ({{count}} request packets), and no capture shows where they were lost.',
      udpDirectorOnly: 'Whether {{client}}\'s UDP requests to {{vip}}:{{vport}} were answered is unknown: only the director\'s capture saw them, and in DR replies bypass the director.',
    },
  },
  after: ['forward/tunnel-source-vip', 'forward/not-forwarded', 'forward/loop', 'return/via-director', 'return/source-not-vip', 'service/unanswered-at-rs', 'service/refused-by-rs', 'service/reset-by-director'],
  create(ctx) {
    return {
      connection(c) {
        if (wasAnswered(c) || ctx.isExplained(c.key)) return;
        if (c.protocol === 'tcp' && !c.startedWithSyn) return;
        const client = ctx.topology.hostByIp(c.clientIp);
        const hosts = [{ ip: c.clientIp, ...(client?.mac !== undefined ? { mac: client.mac } : {}) }];
        // UDP has no handshake whose ACK would prove an answer the director cannot see.
        const requests = [...c.firstRequest, ...c.requests];
        if (c.protocol === 'udp' && requests.every((s) => ctx.captures[s.capture]!.role === 'director')) {
          ctx.report({
            messageId: 'udpDirectorOnly', verdict: 'inconclusive',
            data: { client: formatIp(c.clientIp), vip: formatIp(c.vip), vport: c.vport },
            key: `${c.clientIp}|${c.vip}|${c.vport}|director-only`,
            hosts,
            evidence: requests.slice(0, 4).map((s) => ({ capture: s.capture, frame: s.frame })),
            expected: `a capture on the client side or on the real servers, where replies from ${formatIp(c.vip)}:${c.vport} would show`,
            seen: 'inconclusive: only the director\'s capture saw the requests',
            connection: c,
          });
          return;
        }
        ctx.report({
          messageId: 'unanswered',
          data: { count: c.requestCount, client: formatIp(c.clientIp), vip: formatIp(c.vip), vport: c.vport },
          key: `${c.clientIp}|${c.vip}|${c.vport}`,
          hosts,
          evidence: requests.slice(0, 8).map((s) => ({ capture: s.capture, frame: s.frame })),
          expected: `an answer from ${formatIp(c.vip)}:${c.vport}`,
          seen: `${c.requestCount} request packet(s), no answer at any vantage point`,
          connection: c,
        });
      },
    };
  },
});
