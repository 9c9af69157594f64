import { formatIp } from '../../decode/addresses.js';
import { IPPROTO } from '../../decode/constants.js';
import type { IcmpMessage, Icmpv6Message } from '../../decode/frame-types.js';
import { isTunnelProtocol } from '../../decode/tunnel.js';
import { quotedConnectionKey } from '../../correlate/connections.js';
import { defineCheck } from '../check-api.js';

/** The explanation key of a connection whose tunnelled packet a host rejected (forward/icmp-from-director skips the director's relayed copy of the error). */
export function tunnelRejectionKey(connectionKey: string): string {
  return `tunnel-rejected|${connectionKey}`;
}

type Cause = { readonly key: string; readonly what: string; readonly fix: string };

const TAKE_TUNNEL = 'ip link set tunl0 up; ip addr add VIP/32 dev tunl0; sysctl -w net.ipv4.conf.tunl0.rp_filter=0';

/** Why a host answers an IP-in-IP packet with this error (net/ipv4/tunnel4.c, net/ipv4/ip_input.c, net/ipv6/tunnel6.c). */
function causeOf(m: IcmpMessage | Icmpv6Message): Cause | undefined {
  if (m.kind === 'icmp') {
    if (m.type !== 3) return undefined;
    if (m.code === 2) return { key: 'no-ipip', what: 'protocol unreachable: its kernel has no IP-in-IP receiver (the ipip module is not loaded)', fix: `On the real server: modprobe ipip; ${TAKE_TUNNEL}.` };
    if (m.code === 3) return { key: 'tunl0-down', what: 'port unreachable: no tunnel device takes the packets (tunl0 is down, or no tunnel matches the director\'s address)', fix: `On the real server: ${TAKE_TUNNEL}.` };
    if (m.code === 4) return { key: 'mtu', what: `fragmentation needed (MTU ${m.mtu ?? '?'}): the encapsulated packet, 20 bytes longer than the client's, does not fit the path`, fix: 'Raise the MTU of the path from the director to the real server, or clamp the clients\' MSS 20 bytes lower (TCPMSS on the router).' };
    return { key: `unreach-${m.code}`, what: `destination unreachable code ${m.code}`, fix: 'Check the routes and firewall rules between the director and the real server for the tunnelled packets (IP protocol 4).' };
  }
  if (m.type === 4 && m.code === 1) return { key: 'no-ip6tnl', what: 'unrecognised next header: its kernel has no IPv6 tunnel receiver (the ip6_tunnel module is not loaded)', fix: 'On the real server: modprobe ip6_tunnel; ip link set ip6tnl0 up; ip -6 addr add VIP/128 dev ip6tnl0.' };
  if (m.type === 1) return { key: `unreach6-${m.code}`, what: `destination unreachable code ${m.code}: no tunnel device takes the packets`, fix: 'On the real server: ip link set ip6tnl0 up (tunl0 for IPv4 inside IPv6) with the VIP on it.' };
  if (m.type === 2) return { key: 'mtu', what: `packet too big (MTU ${m.mtu ?? '?'}): the encapsulated packet does not fit the path`, fix: 'Raise the MTU of the path from the director to the real server, or clamp the clients\' MSS lower.' };
  return undefined;
}

export default defineCheck({
  meta: {
    id: 'forward/tunnel-rejected',
    title: 'A host rejects the director\'s IP-in-IP packets',
    severity: 'error',
    summary: 'Fires when a real server (or a router on the way) answers the director\'s tunnelled (LVS-TUN, ipvsadm -i) packets with an ICMP error, classified by cause: no IP-in-IP receiver, tunl0 down, MTU.',
    why: 'With tunnelling the director wraps each client packet in an outer IP header to the real server, which must decapsulate it on tunl0 (ipip module loaded, tunl0 up, VIP on it). A real server set up for direct routing (VIP on lo, tunl0 down) answers every tunnelled packet with ICMP port unreachable; IPVS relays that error to the client from the VIP (ip_vs_in_icmp), and the client sees "connection refused" for every connection scheduled to that server.',
    fix: 'Depends on the cause named in the finding.',
    docs: 'docs/checks/forward/tunnel-rejected.md',
    messages: {
      rejected: '{{sender}} rejects the director\'s {{kind}} packets for {{vip}} with ICMP {{type}}/{{code}}: {{what}}.',
    },
  },
  sightingKinds: ['icmp', 'icmpv6'],
  create(ctx) {
    return {
      sighting(s) {
        const ip = s.frame.ip, l4 = s.frame.l4;
        if (!ip || !l4 || (l4.kind !== 'icmp' && l4.kind !== 'icmpv6')) return;
        // An error about a tunnelled packet the director sent: its quote is IP in IP from a director address.
        const q = l4.embedded;
        if (q === undefined || !isTunnelProtocol(q.protocol) || ctx.topology.hostByIp(q.src)?.role !== 'director') return;
        const cause = causeOf(l4);
        if (!cause) return;
        const inner = q.inner;
        const key = quotedConnectionKey(inner);
        if (key !== undefined) {
          ctx.explain(tunnelRejectionKey(key));
          ctx.explain(key);
        }
        const host = ctx.topology.hostByIp(ip.src);
        const sender = host === undefined ? formatIp(ip.src) : host.name.includes(formatIp(ip.src)) ? host.name : `${host.name} (${formatIp(ip.src)})`;
        const vip = inner !== undefined ? formatIp(inner.dst) : 'the VIP';
        ctx.report({
          messageId: 'rejected',
          data: { sender, vip, kind: q.protocol === IPPROTO.GRE ? 'GRE' : 'IP-in-IP', type: l4.type, code: l4.code, what: cause.what },
          key: `${formatIp(ip.src)}|${cause.key}`,
          hosts: [{ ip: ip.src, ...(host?.mac !== undefined ? { mac: host.mac } : {}) }],
          evidence: [{ capture: s.capture, frame: s.frame }],
          expected: `${formatIp(q.dst)} decapsulates the director's IP-in-IP packets (tunnel up with the VIP on it)`,
          seen: `ICMP ${l4.type}/${l4.code} from ${formatIp(ip.src)} about ${formatIp(q.src)} > ${formatIp(q.dst)} ${q.protocol === IPPROTO.GRE ? 'GRE' : 'IPIP'}` +
            (inner !== undefined ? ` (${formatIp(inner.src)}${inner.sport !== undefined ? `:${inner.sport}` : ''} > ${formatIp(inner.dst)}${inner.dport !== undefined ? `:${inner.dport}` : ''})` : ''),
          fix: cause.fix,
        });
      },
    };
  },
});
