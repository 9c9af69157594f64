import { formatIp, formatMac } from '../../decode/addresses.js';
import { defineCheck } from '../check-api.js';
import { hasLinkAddresses } from '../vantage.js';

export default defineCheck({
  meta: {
    id: 'arp/vip-answered-by-non-director',
    title: 'A host other than the director answered ARP for the VIP',
    severity: 'error',
    summary: 'Fires when an ARP reply "VIP is-at MAC" comes from a MAC that is not the director\'s.',
    why: 'In DR every real server holds the VIP on lo. If one answers ARP for it, the router or clients send VIP traffic straight to that real server, bypassing the director: all connections land on one server and break when the ARP cache flips back (ARP flux).',
    fix: 'On every real server: sysctl -w net.ipv4.conf.all.arp_ignore=1 net.ipv4.conf.all.arp_announce=2 (and the same for the interface facing the LAN), with the VIP on lo as /32.',
    docs: 'docs/checks/arp/vip-answered-by-non-director.md',
    messages: {
      answered: '{{host}} answered ARP for VIP {{vip}} with its own MAC {{mac}}; only the director may.',
      noLinkLayer: 'Who answers ARP for the VIP cannot be seen: no capture carries link-layer frames ({{captures}}), so none holds ARP.',
    },
  },
  sightingKinds: ['arp'],
  create(ctx) {
    let arpSeen = false;
    return {
      sighting(s) {
        const a = s.frame.arp;
        if (!a) return;
        arpSeen = true;
        if (a.op !== 2 || !ctx.topology.isVip(a.spa) || ctx.topology.isDirectorMac(a.sha)) return;
        const host = ctx.topology.hostByMac(a.sha);
        ctx.report({
          messageId: 'answered',
          data: { host: host?.name ?? formatMac(a.sha), vip: formatIp(a.spa), mac: formatMac(a.sha) },
          key: String(a.sha),
          hosts: [{ mac: a.sha }],
          evidence: [{ capture: s.capture, frame: s.frame }],
          expected: `only the director answers "who-has ${formatIp(a.spa)}"`,
          seen: `${formatIp(a.spa)} is-at ${formatMac(a.sha)} (${host?.name ?? 'not the director'})`,
        });
      },
      end() {
        // Captures without a frame are capture/empty's, and without a VIP capture/missing-vantage
        // says that the checks had nothing to check.
        if (!arpSeen && ctx.topology.vips.length > 0 && !hasLinkAddresses(ctx.captures) && ctx.captures.some((c) => c.stats.frames > 0)) {
          ctx.report({
            messageId: 'noLinkLayer', data: { captures: ctx.captures.filter((c) => c.stats.frames > 0).map((c) => c.name).join(', ') }, verdict: 'inconclusive', key: 'no-arp',
            hosts: [], evidence: [],
            expected: 'a capture that carries ARP (Ethernet or Linux cooked)', seen: 'no capture carries link-layer frames',
            fix: 'Capture on the Ethernet interface that faces the router and the real servers (tcpdump -i eth0 -w HOST.pcap), not on a tunnel, loopback or raw-IP interface.',
          });
        }
      },
    };
  },
});
