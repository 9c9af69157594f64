import { formatIp, formatMac, type Mac } from '../../decode/addresses.js';
import { connectionKeyOf } from '../../correlate/connections.js';
import { srcMacOf, type Sighting } from '../../correlate/sighting.js';
import { isVrrpVirtualMac } from '../../correlate/topology.js';
import { defineCheck, type FindingDraft } from '../check-api.js';
import { createEgressState } from './egress-state.js';
import { directorReceiving, directorSending } from '../vantage.js';
import { isSynRefusal } from '../../correlate/syn-refusal.js';
import { configuredPortOf, quotesClosedPort } from '../configured-port.js';
import { answersProbe } from '../probe.js';
import { isPortUnreachable } from '../icmp-errors.js';
import { localNodeReplier, servingDirectorOf } from '../../correlate/local-node.js';

const TCP_RST = 0x04;
const MAX_ANSWERED = 50_000;
/** How long (capture seconds) after its last reply a connection the director serves itself is remembered. */
const LOCAL_NODE_MEMORY_SECONDS = 60;

function clientKeyOf(s: Sighting): string | undefined {
  const ip = s.frame.ip, l4 = s.frame.l4;
  if (!ip || !l4 || (l4.kind !== 'tcp' && l4.kind !== 'udp')) return undefined;
  return connectionKeyOf(ip.src, l4.sport, l4.dport, l4.kind);
}

function unseenDraft(director: Mac, packet: string, evidence: FindingDraft<string>['evidence']): FindingDraft<'egressUnseen'> {
  return {
    messageId: 'egressUnseen', verdict: 'inconclusive',
    data: { director: formatMac(director), packet },
    key: String(director),
    hosts: [{ mac: director }],
    evidence,
    expected: 'a capture on the interface the director sends forwarded packets from',
    seen: 'packets for the VIP came in and left by no captured interface, yet the connections went on',
    fix: 'Capture on every interface of the director (tcpdump -i eth1 as well as eth0) and on the real servers.',
  };
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
      egressUnseen: 'The director ({{director}}) forwards through an interface none of the captures shows: {{packet}} came in, no copy of it left on a captured interface, and the client\'s connection went on.',
    },
  },
  sightingKinds: ['tcp', 'udp', 'icmp', 'icmpv6'],
  create(ctx) {
    // Client endpoints the director answered itself (RST or ICMP from the VIP): explained elsewhere.
    // True for a refused SYN (a port without a virtual service): service/refused-by-director
    // reports those, and a port that is not a service has nothing to forward.
    const answered = new Map<string, boolean>();
    // Client endpoints the director serves itself (LocalNode), by the aligned time of their last
    // reply, oldest first: their requests are delivered locally, not dropped.
    const servedLocally = new Map<string, number>();
    const serveLocally = (key: string, t: number) => {
      servedLocally.delete(key);
      servedLocally.set(key, t);
      for (const [k, last] of servedLocally) {
        if (t - last <= LOCAL_NODE_MEMORY_SECONDS) break;
        servedLocally.delete(k);
      }
    };
    type Draft = FindingDraft<'dropped' | 'egressUnseen'>;
    const egress = createEgressState<Draft>((d) => ctx.report(d), (d) => d.messageId === 'dropped'
      ? unseenDraft(d.hosts[0]!.mac!, String(d.data['packet']), d.evidence) : d);
    const arrivalAtDirector = (sightings: readonly Sighting[]): { arrived: Sighting; director: Mac } | undefined => {
      for (const s of sightings) {
        const c = ctx.captures[s.capture]!;
        const d = directorReceiving(s, ctx.captures, ctx.topology);
        if (d === undefined || c.role !== 'director' || c.hostMac === undefined) continue;
        if (c.hostMac === d) return { arrived: s, director: d };
        // keepalived's VRRP virtual MAC (use_vmac) is whichever director is master: the one
        // whose own capture holds the frame received it.
        if (isVrrpVirtualMac(d)) return { arrived: s, director: c.hostMac };
      }
      return undefined;
    };
    /** A copy downstream has a lower TTL, or a copy left the director (one of its MACs as source). */
    const forwarded = (sightings: readonly Sighting[], arrived: Sighting, director: Mac) => {
      const arrivalTtl = arrived.frame.ip!.ttl;
      for (const s of sightings) {
        if ((s.frame.ip !== undefined && s.frame.ip.ttl < arrivalTtl) || ctx.topology.isSameHost(director, srcMacOf(s))) return true;
      }
      return false;
    };
    // A server's answer: not an ICMP error or a reset, which the director makes itself when it
    // cannot forward (and which reach the client from its router's MAC, like any reply).
    const servedReply = (r: Sighting) => {
      const l4 = r.frame.l4;
      return l4 !== undefined && (l4.kind === 'udp' || (l4.kind === 'tcp' && (l4.flags & TCP_RST) === 0)) && !ctx.topology.isDirectorMac(srcMacOf(r));
    };
    return {
      sighting(s) {
        const ip = s.frame.ip, l4 = s.frame.l4;
        if (!ip || !l4 || !ctx.topology.isVip(ip.src) || directorSending(s, ctx.topology) === undefined) return;
        if ((l4.kind === 'tcp' || l4.kind === 'udp') && localNodeReplier(s, ctx.topology) !== undefined) {
          serveLocally(connectionKeyOf(ip.dst, l4.dport, l4.sport, l4.kind), s.t + (ctx.captures[s.capture]!.clockOffset ?? 0));
          return;
        }
        if (l4.kind === 'udp') return;
        let key: string | undefined;
        let refused = false;
        if (l4.kind === 'tcp' && l4.flags & TCP_RST) { key = connectionKeyOf(ip.dst, l4.dport, l4.sport, 'tcp'); refused = isSynRefusal(l4); }
        else if ((l4.kind === 'icmp' || l4.kind === 'icmpv6') && l4.embedded?.sport !== undefined) {
          const e = l4.embedded;
          key = connectionKeyOf(e.src, e.sport!, e.dport!, e.protocol === 6 ? 'tcp' : 'udp');
          // A port the table leaves closed, or a traceroute probe: nothing to forward. UDP port
          // unreachable to a port no table lists is forward/icmp-from-director's to judge.
          refused = quotesClosedPort(ctx.config, e) || answersProbe(l4, ctx, srcMacOf(s)!) ||
            (e.protocol === 17 && isPortUnreachable(l4) && configuredPortOf(ctx.config, e.dst, 'udp', e.dport!) !== 'configured');
        }
        if (key !== undefined && answered.size < MAX_ANSWERED) answered.set(key, refused);
      },
      packetExpired(sightings) {
        const first = sightings[0]!;
        const ip = first.frame.ip, l4 = first.frame.l4;
        if (!ip || !l4 || (l4.kind !== 'tcp' && l4.kind !== 'udp')) return;
        if (!ctx.topology.isVip(ip.dst) || !ctx.topology.isServicePort(ip.dst, l4.kind, l4.dport)) return;
        // The director's own capture must have seen it arrive, so it would also see it leave.
        const at = arrivalAtDirector(sightings);
        if (!at) return;
        const { arrived, director } = at;
        // It arrived with its TTL spent: IPVS cannot forward it (time exceeded, rate-limited so not
        // always sent). A loop's last copy is forward/loop's; anything else is a traceroute probe.
        if (arrived.frame.ip!.ttl <= 1) {
          const key = clientKeyOf(first);
          if (key !== undefined) ctx.explain(key);
          return;
        }
        if (forwarded(sightings, arrived, director)) { egress.seen(director, 'visible'); return; }
        // Built only now: most packets were forwarded, and this runs for every one of them.
        const key = clientKeyOf(first);
        if (key !== undefined && (servedLocally.has(key) || answered.get(key) === true)) return;
        const packet = `${formatIp(ip.src)}:${l4.sport} → ${formatIp(ip.dst)}:${l4.dport}/${l4.kind}`;
        const evidence = sightings.slice(0, 6).map((s) => ({ capture: s.capture, frame: s.frame }));
        // Out of sight, the report turns inconclusive (egress-state) and explains nothing.
        if (key !== undefined && egress.statusOf(director) !== 'hidden') ctx.explain(key);
        const answeredItself = key !== undefined && answered.has(key);
        egress.report(director, {
          messageId: 'dropped',
          data: { director: formatMac(director), packet },
          key: String(director),
          hosts: [{ mac: director }],
          evidence,
          expected: `the packet leaves the director toward a real server's MAC`,
          seen: `received at ${ctx.captures[arrived.capture]!.name}, no copy left the director` +
            (answeredItself ? '; the director answered the client itself (see forward/icmp-from-director, service/reset-by-director)' : ''),
        }, first.t);
      },
      connection(c) {
        // A connection that went on (the client acknowledged the server's SYN, or replies were
        // seen) although its first packet left the director by no captured interface: the
        // director forwards out of sight (a second NIC not captured), so "not forwarded" cannot
        // be told from "forwarded where no capture looked".
        if (c.protocol === 'tcp' && !c.startedWithSyn) return;
        if (servingDirectorOf(c, ctx.topology) !== undefined) return;
        if (!(c.protocol === 'tcp' && c.clientAcknowledged) && !c.replies.some(servedReply)) return;
        const at = arrivalAtDirector(c.firstRequest);
        if (!at) return;
        if (forwarded(c.firstRequest, at.arrived, at.director) || c.realServerMacs.length > 0) { egress.seen(at.director, 'visible'); return; }
        const f = c.firstRequest[0]!;
        const packet = `${formatIp(c.clientIp)}:${c.clientPort} → ${formatIp(c.vip)}:${c.vport}/${c.protocol}`;
        egress.seen(at.director, 'hidden', unseenDraft(at.director, packet, [{ capture: f.capture, frame: f.frame }]));
      },
      end() {
        egress.end();
      },
    };
  },
});
