import { formatIp, formatMac } from '../../decode/addresses.js';
import { srcMacOf } from '../../correlate/sighting.js';
import { defineCheck } from '../check-api.js';

export default defineCheck({
  meta: {
    id: 'nd/vip-advertised-by-non-director',
    title: 'A host other than the director advertises the IPv6 VIP',
    severity: 'error',
    summary: 'Fires when a host other than the director sends a neighbour advertisement for the VIP, solicits neighbours from the VIP, or runs duplicate address detection for it.',
    why: 'IPv6 has no arp_ignore/arp_announce: neighbour discovery answers only for addresses on the receiving interface. A real server with the VIP on its LAN interface (instead of lo) answers solicitations for it and runs DAD for it, so routers and clients may send VIP traffic straight to it (the IPv6 form of ARP flux).',
    fix: 'On real servers put the IPv6 VIP on lo: ip -6 addr add VIP/128 dev lo (or a dummy device), never on the LAN interface; add nodad where it must be on a real interface.',
    docs: 'docs/checks/nd/vip-advertised-by-non-director.md',
    messages: {
      advertised: '{{host}} ({{mac}}) {{what}} for VIP {{vip}}.',
    },
  },
  sightingKinds: ['icmpv6'],
  create(ctx) {
    return {
      sighting(s) {
        const ip = s.frame.ip, l4 = s.frame.l4;
        if (!ip || ip.version !== 6 || !l4 || l4.kind !== 'icmpv6') return;
        let vip, what, mac;
        if (l4.type === 136 && l4.ndTarget !== undefined && ctx.topology.isVip(l4.ndTarget)) {
          vip = l4.ndTarget; what = 'sent a neighbour advertisement';
          mac = l4.ndLinkAddresses?.find((o) => o.type === 2)?.mac ?? srcMacOf(s);
        } else if (l4.type === 135 && ctx.topology.isVip(ip.src)) {
          vip = ip.src; what = 'solicited a neighbour from the VIP';
          mac = l4.ndLinkAddresses?.find((o) => o.type === 1)?.mac ?? srcMacOf(s);
        } else if (l4.type === 135 && ip.src === '::' && l4.ndTarget !== undefined && ctx.topology.isVip(l4.ndTarget)) {
          vip = l4.ndTarget; what = 'ran duplicate address detection'; mac = srcMacOf(s);
        } else return;
        if (mac === undefined || ctx.topology.isDirectorMac(mac)) return;
        const host = ctx.topology.hostByMac(mac);
        ctx.report({
          messageId: 'advertised',
          data: { host: host?.name ?? formatMac(mac), mac: formatMac(mac), what, vip: formatIp(vip) },
          key: String(mac),
          hosts: [{ mac }],
          evidence: [{ capture: s.capture, frame: s.frame }],
          expected: `only the director advertises ${formatIp(vip)}`,
          seen: `${what} from ${formatMac(mac)}`,
        });
      },
    };
  },
});
