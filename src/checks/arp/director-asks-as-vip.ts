import { formatIp, formatMac } from '../../decode/addresses.js';
import { defineCheck } from '../check-api.js';

export default defineCheck({
  meta: {
    id: 'arp/director-asks-as-vip',
    title: 'The director resolves a real server with the VIP as ARP sender',
    severity: 'error',
    summary: 'Fires when the director sends "who-has RIP tell VIP".',
    why: 'The real server holds the VIP on lo, so an ARP request whose sender is the VIP looks like a martian from one of its own addresses and is never answered. The director cannot learn the real server\'s MAC and every connection fails (ICMP host unreachable after a few seconds). It happens when the VIP is not a /32 and became the primary address of the interface facing the real servers.',
    fix: 'Add the VIP as /32 (ip addr add VIP/32 dev eth0 label eth0:vip, or on lo) so the DIP stays the primary address of that subnet; keepalived defaults VIPs to /32.',
    docs: 'docs/checks/arp/director-asks-as-vip.md',
    messages: {
      asks: 'The director ({{mac}}) asks "who-has {{target}} tell {{vip}}": real servers never answer an ARP sent from the VIP.',
    },
  },
  sightingKinds: ['arp'],
  create(ctx) {
    return {
      sighting(s) {
        const a = s.frame.arp;
        if (!a || a.op !== 1 || a.tpa === a.spa || !ctx.topology.isVip(a.spa) || !ctx.topology.isDirectorMac(a.sha)) return;
        // Resolving the gateway from the VIP happens when the director itself answers a client
        // from the VIP (an RST or ICMP); the router answers it. Only real servers never do.
        const target = ctx.topology.hostByIp(a.tpa);
        if (target && (target.role === 'router' || target.role === 'client')) return;
        ctx.report({
          messageId: 'asks',
          data: { mac: formatMac(a.sha), target: formatIp(a.tpa), vip: formatIp(a.spa) },
          key: String(a.sha),
          hosts: [{ mac: a.sha }],
          evidence: [{ capture: s.capture, frame: s.frame }],
          expected: `who-has ${formatIp(a.tpa)} tell <DIP>`,
          seen: `who-has ${formatIp(a.tpa)} tell ${formatIp(a.spa)} (the VIP)`,
        });
      },
    };
  },
});
