import { formatIp, formatMac, type IpAddress, type Mac } from '../../decode/addresses.js';
import { formatEndpoint } from '../../config/service-key.js';
import type { IcmpMessage, Icmpv6Message } from '../../decode/frame-types.js';
import { quotedConnectionKey } from '../../correlate/connections.js';
import { defineCheck, type FindingDraft } from '../check-api.js';
import { configuredPortOf, quotesClosedPort } from '../configured-port.js';
import { directorSending } from '../vantage.js';
import { answersProbe, sentWithSmallTtl } from '../probe.js';
import { isPortUnreachable, isTimeExceeded } from '../icmp-errors.js';
import { tunnelRejectionKey } from './tunnel-rejected.js';

/** Connections whose errors wait for their end (each holds a few drafts), and forwarded VIP ports remembered. */
const MAX_PENDING = 1024;

/** An error held until its connection ends, and why. */
type Pending = { readonly draft: FindingDraft<'icmp'>; readonly director: Mac; readonly cause: 'ttl' | 'udp-unreachable' };

type Cause = { readonly key: string; readonly what: string; readonly fix: string };

/** What made IPVS (or the director's stack) answer with this ICMP message (dr-wire-spec §1.4). */
function causeOf(m: IcmpMessage | Icmpv6Message, tunnelling: boolean): Cause | undefined {
  const v4 = m.kind === 'icmp';
  const proto = m.embedded?.protocol === 6 ? 'TCP' : m.embedded?.protocol === 17 ? 'UDP' : 'IP';
  if ((v4 && m.type === 3 && m.code === 4) || (!v4 && m.type === 2)) {
    // Tunnelling adds an outer header (20 bytes, 40 for IPv6) to every packet: full-size ones no longer fit.
    if (tunnelling) return { key: 'mtu', what: `fragmentation needed / packet too big (MTU ${m.mtu ?? '?'} toward the real server): the IP-in-IP outer header makes full-size client packets too big for the path`, fix: 'Let the director fragment the tunnelled packets (sysctl -w net.ipv4.vs.pmtu_disc=0), raise the MTU between the director and the real servers by the outer header (1520 for 1500-byte packets), or clamp the clients\' MSS on the router (iptables -t mangle … TCPMSS --set-mss 1440); make sure this ICMP reaches the clients (PMTU discovery).' };
    return { key: 'mtu', what: `fragmentation needed / packet too big (MTU ${m.mtu ?? '?'} toward the real server)`, fix: 'Raise the MTU of the director→real-server path to the client-side MTU, or lower the clients\' MSS (iptables -t mangle … TCPMSS --clamp-mss-to-pmtu on the router); make sure this ICMP reaches the clients (PMTU discovery).' };
  }
  if (isPortUnreachable(m)) {
    const noService = proto === 'UDP' ? '; or no virtual service for the port and nothing listening on it' : '';
    return { key: 'no-server', what: `port unreachable for ${proto}: the virtual service has no usable real server (none configured, all weight 0 or overloaded; with tunnelling, also a real server rejecting the tunnelled packets), or a REJECT rule on the director (iptables -j REJECT and nft reject send this by default)${noService}`, fix: 'Add or re-enable real servers: ipvsadm -Ln must list at least one destination with weight > 0; check the health checks that removed them. If it does, look for a REJECT rule on the VIP (nft list ruleset, iptables -S INPUT). With tunnelling (ipvsadm -i), capture on the real servers: forward/tunnel-rejected names one that rejects the tunnelled packets.' };
  }
  if ((v4 && m.type === 3 && m.code === 1) || (!v4 && m.type === 1 && m.code === 3)) {
    return { key: 'unresolvable', what: 'host unreachable: the director could not resolve or route to the real server', fix: 'Make the real servers reachable on the director\'s segment and answerable to ARP from the DIP: the VIP on the director must be /32 so the DIP stays the ARP sender (see arp/director-asks-as-vip).' };
  }
  if (isTimeExceeded(m)) {
    return { key: 'ttl', what: 'time exceeded: the packet arrived with TTL 1 (a forwarding loop, or a probe sent with a small TTL such as traceroute -T, which only the director\'s capture can tell apart)', fix: 'Look for a forwarding loop (forward/loop): a real server without the VIP and with ip_forward=1, or two directors forwarding to each other.' };
  }
  if (v4 && m.type === 3) return { key: `unreach-${m.code}`, what: `destination unreachable code ${m.code} (a REJECT rule on the director, or a route problem)`, fix: 'Check the director\'s firewall for REJECT rules on the VIP, and its routes toward the real servers.' };
  return undefined;
}

/** Port unreachable for UDP to a port balanced for TCP only (DNS): configured, or seen forwarded. */
function udpHalfService(vip: IpAddress, port: number): Cause {
  const service = formatEndpoint(vip, port);
  return {
    key: 'udp-half-service',
    what: `port unreachable for UDP: ${service} is balanced for TCP and has no UDP virtual service, so datagrams reach the director's own stack`,
    fix: `Add the UDP virtual service beside the TCP one, with the same real servers (ipvsadm -A -u ${service} -s rr, then ipvsadm -a -u ${service} -r RIP:${port} -g for each; in keepalived a second virtual_server with protocol UDP), and make the real servers answer on UDP ${port} from the VIP.`,
  };
}

/** The draft with another cause (its finding key follows the cause). */
function withCause(d: FindingDraft<'icmp'>, director: Mac, cause: Cause): FindingDraft<'icmp'> {
  return { ...d, key: `${director}|${cause.key}`, data: { ...d.data, what: cause.what }, seen: cause.what, fix: cause.fix };
}

/**
 * Port unreachable for UDP to a port the director never forwarded, with no table for the VIP:
 * a closed port (an operator's probe) or a service that is missing or has no usable real
 * server cannot be told apart.
 */
function unforwardedUdp(d: FindingDraft<'icmp'>, vip: IpAddress, port: number): FindingDraft<'icmp'> {
  const service = formatEndpoint(vip, port);
  const what = `port unreachable for UDP to ${service}, which the director never forwarded: no virtual service for it (a closed port, or a service that is missing) or one without usable real servers; the director's table (--ipvsadm, --keepalived) tells which`;
  return { ...d, verdict: 'inconclusive', key: `${String(d.key)}|unforwarded`, data: { ...d.data, what }, seen: what };
}

export default defineCheck({
  meta: {
    id: 'forward/icmp-from-director',
    title: 'The director sends ICMP errors from the VIP',
    severity: 'error',
    summary: 'Fires when the director\'s MAC sends an ICMP (ICMPv6) error sourced from the VIP, classified by cause: fragmentation needed (MTU toward a real server), no real server available (port unreachable, also for TCP), real server unresolvable (host unreachable), TTL exceeded.',
    why: 'In DR the director answers clients only with ARP. An ICMP error from the VIP with the director\'s MAC is IPVS reporting that it could not forward the packet (ip_vs_xmit.c ensure_mtu_is_adequate / decrement_ttl, ip_vs_core.c ip_vs_leave), so the client\'s connection fails or stalls.',
    fix: 'Depends on the cause named in the finding.',
    docs: 'docs/checks/forward/icmp-from-director.md',
    messages: {
      icmp: 'The director ({{mac}}) sent ICMP {{type}}/{{code}} from VIP {{vip}} to {{client}}: {{what}}.',
    },
  },
  sightingKinds: ['icmp', 'icmpv6'],
  after: ['forward/tunnel-rejected'],
  create(ctx) {
    // Drafts waiting for their connection's end, by connection key.
    const pending = new Map<string, Pending[]>();
    // VIP ports the director forwarded connections to ("tcp|vip|port").
    const forwarded = new Set<string>();
    return {
      sighting(s) {
        const ip = s.frame.ip, l4 = s.frame.l4;
        if (!ip || !l4 || (l4.kind !== 'icmp' && l4.kind !== 'icmpv6') || !ctx.topology.isVip(ip.src)) return;
        const director = directorSending(s, ctx.topology);
        if (director === undefined) return;
        let cause = causeOf(l4, (ctx.topology.hostByMac(director)?.tunnelsTo?.length ?? 0) > 0);
        if (!cause) return;
        const key = quotedConnectionKey(l4.embedded);
        // IPVS relaying a real server's error about a tunnelled packet (ip_vs_in_icmp): that check names the cause.
        if (key !== undefined && ctx.isExplained(tunnelRejectionKey(key))) return;
        if (answersProbe(l4, ctx, director)) { if (key !== undefined) ctx.explain(key); return; }
        if (key !== undefined) ctx.explain(key);
        // A port the table leaves closed, turned away by the director's stack or firewall.
        if ((cause.key === 'no-server' || cause.key.startsWith('unreach-')) && quotesClosedPort(ctx.config, l4.embedded)) return;
        const e = l4.embedded;
        if (cause.key === 'no-server' && e?.protocol === 17 && e.dport !== undefined && configuredPortOf(ctx.config, e.dst, 'udp', e.dport) === 'other-protocol') {
          cause = udpHalfService(e.dst, e.dport);
        }
        const draft: FindingDraft<'icmp'> = {
          messageId: 'icmp',
          data: { mac: formatMac(director), type: l4.type, code: l4.code, vip: formatIp(ip.src), client: formatIp(ip.dst), what: cause.what },
          key: `${director}|${cause.key}`,
          hosts: [{ mac: director }],
          evidence: [{ capture: s.capture, frame: s.frame }],
          expected: 'no ICMP errors from the VIP: the director forwards every packet of the service',
          seen: cause.what,
          fix: cause.fix,
        };
        // Two causes wait for their connection's end. Time exceeded: a request sent with a
        // probe's TTL (traceroute -T seen without the director's capture) is no fault. Port
        // unreachable for UDP with no table for the VIP: a closed port unless the director
        // forwarded that port's datagrams before.
        const waits = cause.key === 'ttl' ? 'ttl'
          : cause.key === 'no-server' && e?.protocol === 17 && configuredPortOf(ctx.config, e.dst, 'udp', e.dport!) === 'unknown' ? 'udp-unreachable'
          : undefined;
        if (waits !== undefined && key !== undefined && (pending.has(key) || pending.size < MAX_PENDING)) {
          const list = pending.get(key) ?? [];
          if (list.length === 0) pending.set(key, list);
          list.push({ draft, director, cause: waits });
          return;
        }
        ctx.report(draft);
      },
      connection(c) {
        if ((c.realServerMacs.length > 0 || c.tunnelledTo !== undefined) && forwarded.size < MAX_PENDING) {
          forwarded.add(`${c.protocol}|${formatIp(c.vip)}|${c.vport}`);
        }
        const list = pending.get(c.key);
        if (!list) return;
        pending.delete(c.key);
        const port = `${formatIp(c.vip)}|${c.vport}`;
        for (const p of list) {
          if (p.cause === 'ttl') { if (!sentWithSmallTtl(c)) ctx.report(p.draft); }
          else if (forwarded.has(`udp|${port}`)) ctx.report(p.draft);
          else if (forwarded.has(`tcp|${port}`)) ctx.report(withCause(p.draft, p.director, udpHalfService(c.vip, c.vport)));
          else ctx.report(unforwardedUdp(p.draft, c.vip, c.vport));
        }
      },
      end() {
        for (const list of pending.values()) for (const p of list) ctx.report(p.draft);
        pending.clear();
      },
    };
  },
});
