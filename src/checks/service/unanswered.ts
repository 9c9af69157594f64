import { basename } from 'node:path';
import { formatIp, type Mac } from '../../decode/addresses.js';
import { type Connection, wasAnswered } from '../../correlate/connections.js';
import type { TopologyView } from '../../correlate/topology.js';
import { defineCheck, type CaptureView } from '../check-api.js';
import { sentWithSmallTtl } from '../probe.js';
import { macsCapturedBy } from '../vantage.js';

/**
 * The one real server a director capture shows the requests going to: the MAC it sent them to,
 * or the tunnel's outer destination (LVS-TUN). A router there (a real server behind it) is no
 * place to look for the VIP on lo.
 */
function forwardedTo(c: Connection, topology: TopologyView): { readonly label: string; readonly mac?: Mac } | undefined {
  if (c.tunnelledTo !== undefined) {
    const host = topology.hostByIp(c.tunnelledTo);
    return host?.mac !== undefined ? { label: topology.labelOfMac(host.mac), mac: host.mac } : { label: host?.name ?? formatIp(c.tunnelledTo) };
  }
  const mac = c.realServerMacs[0];
  if (c.realServerMacs.length !== 1 || mac === undefined || !topology.isRealServerMac(mac)) return undefined;
  return { label: topology.labelOfMac(mac), mac };
}

/** The capture taken on the host with `mac`, if any. */
function captureOf(mac: Mac | undefined, captures: readonly CaptureView[]): CaptureView | undefined {
  return mac === undefined ? undefined : captures.find((cap) => macsCapturedBy(cap).includes(mac));
}

export default defineCheck({
  meta: {
    id: 'service/unanswered',
    title: 'Client connections to the VIP get no answer',
    severity: 'error',
    summary: 'Fires when a client\'s connection attempts to the VIP get no answer (no SYN-ACK, RST or ICMP) and no other finding explains why.',
    why: 'The client sees a hang. The captures given do not show where the packets were lost: add captures from the director and the real servers to locate the fault.',
    fix: 'Capture on the director and on every real server at the same time (tcpdump -i IFACE -w HOST.pcap \'host VIP or port VPORT or arp\') and analyse them together.',
    docs: 'docs/checks/service/unanswered.md',
    messages: {
      unanswered: '{{client}} got no answer from {{vip}}:{{vport}} ({{packets}}), and no capture shows where they were lost.',
      unansweredForwarded: '{{client}} got no answer from {{vip}}:{{vport}} ({{packets}}): the director forwarded them to {{target}}, and no capture shows what became of them there.',
      unansweredForwardedUncaptured: '{{client}} got no answer from {{vip}}:{{vport}} ({{packets}}): the director forwarded them to {{target}}, whose capture {{file}} holds none of them (see capture/vip-traffic-missing), so what became of them there is not shown.',
      udpDirectorOnly: 'Whether {{client}}\'s UDP requests to {{vip}}:{{vport}} were answered is unknown: only the director\'s capture saw them, and in DR replies bypass the director.',
    },
  },
  after: ['forward/tunnel-source-vip', 'forward/not-forwarded', 'forward/loop', 'return/via-director', 'return/source-not-vip', 'service/unanswered-at-rs', 'service/refused-by-rs', 'service/reset-by-director'],
  create(ctx) {
    return {
      connection(c) {
        if (wasAnswered(c) || ctx.isExplained(c.key)) return;
        if (c.protocol === 'tcp' && !c.startedWithSyn) return;
        // Sent with a TTL too small to arrive (traceroute's probes): no answer is expected.
        if (sentWithSmallTtl(c)) return;
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
        const data = { packets: `${c.requestCount} request packet${c.requestCount === 1 ? '' : 's'}`, client: formatIp(c.clientIp), vip: formatIp(c.vip), vport: c.vport };
        const evidence = requests.slice(0, 8).map((s) => ({ capture: s.capture, frame: s.frame }));
        const expected = `an answer from ${formatIp(c.vip)}:${c.vport}`;
        const seen = `${c.requestCount} request packet(s), no answer at any vantage point`;
        // A director's capture shows where it sent them: the real server is the place to look.
        const to = forwardedTo(c, ctx.topology);
        if (to !== undefined) {
          const vip = formatIp(c.vip), target = to.label;
          const own = captureOf(to.mac, ctx.captures);
          const blind = own !== undefined && !requests.some((r) => r.capture === own.index) ? own : undefined;
          ctx.report({
            ...(blind ? { messageId: 'unansweredForwardedUncaptured', data: { ...data, target, file: basename(blind.file) } } : { messageId: 'unansweredForwarded', data: { ...data, target } }),
            key: `${c.clientIp}|${c.vip}|${c.vport}|${target}`,
            hosts, evidence, expected, seen: `${seen}; forwarded to ${target}`, connection: c,
            fix: (blind
              ? `Capture on ${target} again, on the interface the director's packets arrive on and with a filter on the VIP, not on its own address (tcpdump -i eth0 -w ${basename(blind.file)} 'host ${vip} or port ${c.vport} or arp'). `
              : `Capture on ${target} as well (tcpdump -i eth0 -w rs.pcap 'host ${vip} or port ${c.vport} or arp') and analyse it with the others. `) +
              (c.tunnelledTo !== undefined
                ? `On it, check that tunl0 is up with ${vip} on it (ip addr show tunl0) and that rp_filter lets the decapsulated packets in, `
                : `On it, check that ${vip} is on lo (ip addr show lo), that arp_ignore=1 and arp_announce=2 are set, `) +
              `and that the service listens on ${vip}:${c.vport} or on all addresses (${c.protocol === 'udp' ? 'ss -lnu' : 'ss -lnt'}).`,
          });
          return;
        }
        ctx.report({ messageId: 'unanswered', data, key: `${c.clientIp}|${c.vip}|${c.vport}`, hosts, evidence, expected, seen, connection: c });
      },
    };
  },
});
