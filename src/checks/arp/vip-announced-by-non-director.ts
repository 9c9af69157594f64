import { formatIp, formatMac } from '../../decode/addresses.js';
import { defineCheck } from '../check-api.js';

export default defineCheck({
  meta: {
    id: 'arp/vip-announced-by-non-director',
    title: 'A host other than the director sent ARP with the VIP as sender',
    severity: 'error',
    summary: 'Fires when a non-director sends an ARP request (gratuitous or "who-has X tell VIP") whose sender address is the VIP.',
    why: 'Every host that hears an ARP packet with sender IP = VIP updates its cache entry for the VIP to the sender\'s MAC. A real server that ARPs with the VIP as sender (arp_announce=0, or 1 with the VIP inside the LAN subnet) steals the VIP from the director.',
    fix: 'On every real server: sysctl -w net.ipv4.conf.all.arp_announce=2 (and arp_ignore=1); keep the VIP on lo, never on the LAN interface; disable boot-time arping for VIP aliases (ARPUPDATE=no).',
    docs: 'docs/checks/arp/vip-announced-by-non-director.md',
    messages: {
      announced: '{{host}} sent ARP "{{what}}" with VIP {{vip}} as sender address from MAC {{mac}}.',
    },
  },
  sightingKinds: ['arp'],
  create(ctx) {
    return {
      sighting(s) {
        const a = s.frame.arp;
        if (!a || a.op !== 1 || !ctx.topology.isVip(a.spa) || ctx.topology.isDirectorMac(a.sha)) return;
        const host = ctx.topology.hostByMac(a.sha);
        const what = a.tpa === a.spa ? `gratuitous ARP for ${formatIp(a.spa)}` : `who-has ${formatIp(a.tpa)} tell ${formatIp(a.spa)}`;
        ctx.report({
          messageId: 'announced',
          data: { host: host?.name ?? formatMac(a.sha), what, vip: formatIp(a.spa), mac: formatMac(a.sha) },
          key: String(a.sha),
          hosts: [{ mac: a.sha }],
          evidence: [{ capture: s.capture, frame: s.frame }],
          expected: `ARP from real servers uses their RIP as sender (arp_announce=2)`,
          seen: what,
        });
      },
    };
  },
});
