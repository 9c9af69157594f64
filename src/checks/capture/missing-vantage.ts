import { formatIp, formatMac, type Mac } from '../../decode/addresses.js';
import { macsOf, type HostInfo } from '../../correlate/topology.js';
import { defineCheck, type CaptureView } from '../check-api.js';
import { hostRefOf } from '../host-ref.js';

export default defineCheck({
  meta: {
    id: 'capture/missing-vantage',
    title: 'A host on the DR path has no capture',
    severity: 'info',
    summary: 'Reports each director or real server (and the client side) without a capture of its own: what happens on that host can only be inferred.',
    why: 'Replies to ARP are unicast, real servers answer clients directly, and the director sees only one direction of each connection: without a capture on a host, faults on that host show up only as missing packets elsewhere.',
    fix: 'Capture on every host at the same time: tcpdump -i IFACE -U -w HOST.pcap (Ethernet, not -i any, so destination MACs are kept).',
    docs: 'docs/checks/capture/missing-vantage.md',
    messages: {
      missing: 'No capture from {{host}} ({{role}}): {{consequence}}.',
      interfaceMissing: 'No capture from {{host}}\'s interface {{mac}} (director): {{consequence}}.',
      noClientSide: 'No capture from the client side (client or router): what clients see cannot be checked.',
      noDirector: 'No capture shows the director: whether it received and forwarded the clients\' packets cannot be checked.',
      noVip: 'Found no VIP: no capture shows a director forwarding clients\' packets or real servers replying from a shared address, and none is configured; the checks that need one had nothing to check. Add the director\'s capture, or give --ipvsadm FILE (the output of ipvsadm -Ln or ipvsadm -S) or --vip IP.',
    },
  },
  create(ctx) {
    return {
      end() {
        const macCaptured = (mac: Mac | undefined) => ctx.captures.some((c) => c.hostMac !== undefined && c.hostMac === mac);
        const captured = (h: HostInfo) => h.capture !== undefined || macsOf(h).some(macCaptured);
        // Captures named for a role whose own host shows nowhere in them (only others' broadcasts
        // and multicast): one of them may well be that host's, so its absence is not claimed.
        const anonymous = (role: CaptureView['role']) => ctx.captures.filter((c) => c.role === role && c.hostMac === undefined).length;
        const uncapturedDirectors = ctx.topology.directors.filter((d) => !captured(d));
        const uncapturedServers = ctx.topology.realServers.filter((r) => !captured(r));
        for (const d of uncapturedDirectors.length > anonymous('director') ? uncapturedDirectors : []) {
          ctx.report({
            messageId: 'missing', verdict: 'inconclusive',
            data: { host: d.name, role: 'director', consequence: 'what it received and forwarded is inferred from other captures' },
            key: d.name, hosts: [hostRefOf(d)], evidence: [],
            expected: 'a capture on the director', seen: 'none given',
          });
        }
        // A director with a front and a back interface, captured on only one of them.
        for (const d of ctx.topology.directors) {
          if (!d.otherMacs?.length || !captured(d)) continue;
          // A cooked capture (tcpdump -i any) holds every interface of its host.
          const all = macsOf(d);
          if (ctx.captures.some((c) => c.linkKind === 'cooked' && c.hostMac !== undefined && all.includes(c.hostMac))) continue;
          for (const mac of all.filter((m) => !macCaptured(m))) {
            const ingress = mac === d.mac;
            ctx.report({
              messageId: 'interfaceMissing', verdict: 'inconclusive',
              data: { host: d.name, mac: formatMac(mac), consequence: ingress ? 'what it received from the clients is inferred from other captures' : 'what it sent on to the real servers is inferred from other captures' },
              key: `${d.name} ${formatMac(mac)}`, hosts: [hostRefOf(d)], evidence: [],
              expected: 'a capture on each of the director\'s interfaces', seen: `none on ${formatMac(mac)}`,
            });
          }
        }
        for (const r of uncapturedServers.length > anonymous('real-server') ? uncapturedServers : []) {
          ctx.report({
            messageId: 'missing', verdict: 'inconclusive',
            data: { host: r.ips[0] !== undefined && !r.name.includes(formatIp(r.ips[0])) ? `${r.name} (${formatIp(r.ips[0])})` : r.name, role: 'real server', consequence: 'whether it received and answered connections is inferred from other captures' },
            key: r.name, hosts: [hostRefOf(r)], evidence: [],
            expected: 'a capture on every real server', seen: 'none given',
          });
        }
        // Without a VIP every DR check passes vacuously: say so rather than print "no findings".
        if (ctx.topology.vips.length === 0) {
          ctx.report({
            messageId: 'noVip', verdict: 'inconclusive', data: {}, key: 'vip', hosts: [], evidence: [],
            expected: 'a VIP, from the captures (a director forwarding, real servers replying from it) or from --ipvsadm, --keepalived, --topology or --vip',
            seen: ctx.captures.some((c) => c.role === 'director') ? 'a director capture with no clients\' connection forwarded' : 'none, and no capture from the director',
          });
        }
        if (ctx.topology.vips.length > 0 && ctx.topology.directors.length === 0 && !ctx.captures.some((c) => c.role === 'director')) {
          ctx.report({
            messageId: 'noDirector', verdict: 'inconclusive', data: {}, key: 'director', hosts: [], evidence: [],
            expected: 'a capture on the director', seen: 'none given, and no capture shows the director forwarding',
          });
        }
        if (ctx.topology.vips.length > 0 && !ctx.captures.some((c) => c.role === 'client' || c.role === 'router')) {
          ctx.report({
            messageId: 'noClientSide', verdict: 'inconclusive', data: {}, key: 'client-side', hosts: [], evidence: [],
            expected: 'a capture on a client or on the router', seen: 'none given',
          });
        }
      },
    };
  },
});
