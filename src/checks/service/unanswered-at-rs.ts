import { formatIp } from '../../decode/addresses.js';
import { type Connection, wasAnswered } from '../../correlate/connections.js';
import type { IpAddress } from '../../decode/addresses.js';
import { defineCheck } from '../check-api.js';
import { isInbound } from '../vantage.js';
import type { Sighting } from '../../correlate/sighting.js';
import { fromVipKey } from '../forward/tunnel-source-vip.js';
import { createOtherTrafficTracker } from '../other-traffic.js';

/** What drops tunnelled (LVS-TUN) packets silently on a real server. */
const TUNNEL_FIX = 'On that real server (tunnelling): turn reverse-path filtering off or loose for the decapsulated packets, which arrive on tunl0 from clients routed via eth0 (sysctl -w net.ipv4.conf.tunl0.rp_filter=0 net.ipv4.conf.all.rp_filter=0; nstat -az TcpExtIPReversePathFilter counts the drops); the VIP on tunl0 (ip addr add VIP/32 dev tunl0); its firewall must accept IP protocol 4 from the director and the VIP\'s port.';

const MAX_VIPS_PER_SERVER = 16;

/** The generic fix with this server, VIP and port filled in; narrowed when the server answers another VIP. */
function directFix(host: string, c: Connection, otherVip: IpAddress | undefined): string {
  const vip = formatIp(c.vip);
  const add = typeof c.vip === 'number' ? `ip addr add ${vip}/32 dev lo` : `ip -6 addr add ${vip}/128 dev lo`;
  const lead = otherVip !== undefined
    ? `${host} answers ${formatIp(otherVip)} and not ${vip}: ${vip} is most likely missing there. On ${host}: ${add} (and in its network configuration, so that it survives a reboot)`
    : `On ${host}: ${add} (ip addr show lo lists the VIPs it holds)`;
  return `${lead}; sysctl -w net.ipv4.conf.all.rp_filter=0 (or 2) on multi-homed hosts; check its firewall for ${vip} port ${c.vport}.`;
}

export default defineCheck({
  meta: {
    id: 'service/unanswered-at-rs',
    title: 'VIP packets reach a real server and nothing answers them',
    severity: 'error',
    summary: 'Fires when a real server\'s own capture shows client→VIP packets arriving and no reply of any kind (SYN-ACK, RST, ICMP) for that connection anywhere.',
    why: 'A real server that does not accept packets for the VIP drops them silently: the VIP is not configured on it (on lo), rp_filter drops them on a multi-homed host, or a firewall on the real server drops them. The client sees a timeout for every connection scheduled there.',
    fix: 'On that real server: ip addr add VIP/32 dev lo; sysctl -w net.ipv4.conf.all.rp_filter=0 (or 2) on multi-homed hosts; check its firewall for the VIP and port.',
    docs: 'docs/checks/service/unanswered-at-rs.md',
    messages: {
      unanswered: '{{host}} receives connections for {{vip}}:{{vport}} and never answers them.',
      unansweredFromVip: '{{host}} receives connections for {{vip}}:{{vport}} and never answers them from the VIP; the captures that would show an answer from another address (its RIP, return/source-not-vip) hold only packets to or from the VIP (a filter such as host {{vip}}).',
    },
  },
  sightingKinds: ['arp', 'ip'],
  after: ['forward/tunnel-source-vip'],
  create(ctx) {
    // A capture filtered on the VIP would not show a real server answering from its RIP; one
    // with ARP about other addresses was not filtered so.
    const otherTraffic = createOtherTrafficTracker(ctx, { arp: true });
    // The VIPs each real server's capture shows it answering (a few per site): a server that
    // answers one VIP and not another lacks the other.
    const answeredVips = new Map<number, Set<IpAddress>>();
    const atRs = (s: Sighting) => {
      const cap = ctx.captures[s.capture]!;
      return cap.role === 'real-server' && isInbound(s, cap);
    };
    // Asked of every connection, answered ones too: no merged array.
    const arrivalAtRs = (c: Connection) => c.firstRequest.find(atRs) ?? c.requests.find(atRs);
    return {
      sighting: otherTraffic.observe,
      connection(c) {
        // The client acknowledging a SYN-ACK proves an answer even where the RS capture shows none
        // (a reply leaving through another interface than the capture's).
        if (wasAnswered(c)) {
          const at = arrivalAtRs(c);
          if (at === undefined) return;
          const vips = answeredVips.get(at.capture) ?? new Set<IpAddress>();
          if (vips.size < MAX_VIPS_PER_SERVER) vips.add(c.vip);
          answeredVips.set(at.capture, vips);
          return;
        }
        // A TCP connection seen only from mid-stream (a straggler after it was handed on, or a
        // capture started late) may rightly get no answer: a final ACK is never answered.
        if (c.protocol === 'tcp' && !c.startedWithSyn) return;
        // Tunnelled from the VIP: the real server drops them by design (forward/tunnel-source-vip).
        if (ctx.isExplained(fromVipKey(c.key))) return;
        const arrival = arrivalAtRs(c);
        if (!arrival) return;
        const cap = ctx.captures[arrival.capture]!;
        const otherVip = [...answeredVips.get(arrival.capture) ?? []].find((v) => v !== c.vip);
        ctx.explain(c.key);
        // An answer from the RIP leaves the real server and passes the client side: when none of
        // those captures holds anything but the VIP's packets, it would not show.
        const blindToOtherSources = !arrival.frame.tunnel && !otherTraffic.holdsOtherTraffic(cap.index) &&
          ctx.captures.every((v) => (v.role !== 'client' && v.role !== 'router') || !otherTraffic.holdsOtherTraffic(v.index));
        ctx.report({
          messageId: blindToOtherSources ? 'unansweredFromVip' : 'unanswered',
          data: { host: cap.name, vip: formatIp(c.vip), vport: c.vport },
          key: `${cap.name}|${formatIp(c.vip)}|${c.vport}`,
          hosts: [cap.hostMac !== undefined ? { mac: cap.hostMac } : { ...(cap.host?.ips[0] !== undefined ? { ip: cap.host.ips[0] } : {}) }],
          evidence: [...c.firstRequest, ...c.requests].slice(0, 8).map((s) => ({ capture: s.capture, frame: s.frame })),
          expected: `${cap.name} answers ${formatIp(c.clientIp)}:${c.clientPort} from ${formatIp(c.vip)}:${c.vport}`,
          seen: `${c.requestCount} request packet(s) at ${cap.name}${arrival.frame.tunnel ? ' (tunnelled)' : ''}, no answer`,
          fix: arrival.frame.tunnel ? TUNNEL_FIX : directFix(cap.name, c, otherVip) + (blindToOtherSources
            ? ` To see whether it answers from another address, capture again with the service port in the filter: tcpdump -i eth0 -U -w ${cap.name}.pcap 'host ${formatIp(c.vip)} or port ${c.vport} or arp'.`
            : ''),
          connection: c,
        });
      },
    };
  },
});
