import { formatIp, formatMac } from '../../decode/addresses.js';
import { connectionKeyOf } from '../../correlate/connections.js';
import { srcMacOf } from '../../correlate/sighting.js';
import { defineCheck } from '../check-api.js';
import { directorReceiving } from '../vantage.js';

export default defineCheck({
  meta: {
    id: 'return/via-director',
    title: 'A real server sends its replies through the director',
    severity: 'error',
    summary: 'Fires when a frame sourced from the VIP by a real server is addressed to the director (or seen arriving at the director).',
    why: 'In DR the real server answers the client directly with the VIP as source. The director treats a packet from its own VIP arriving on the wire as a martian and drops it silently, so every connection through that real server times out.',
    fix: 'Give the real server a default route via the router, not the DIP: ip route replace default via <router IP>.',
    docs: 'docs/checks/return/via-director.md',
    messages: {
      viaDirector: '{{host}} sends replies from VIP {{vip}} to the director ({{director}}) instead of the router.',
    },
  },
  sightingKinds: ['ip'],
  create(ctx) {
    return {
      sighting(s) {
        const ip = s.frame.ip;
        if (!ip || !ctx.topology.isVip(ip.src)) return;
        const src = srcMacOf(s);
        if (src === undefined || ctx.topology.isDirectorMac(src)) return;
        const director = directorReceiving(s, ctx.captures, ctx.topology);
        if (director === undefined) return;
        const l4 = s.frame.l4;
        if (l4 && (l4.kind === 'tcp' || l4.kind === 'udp')) ctx.explain(connectionKeyOf(ip.dst, l4.dport, l4.sport, l4.kind));
        const host = ctx.topology.hostByMac(src);
        ctx.report({
          messageId: 'viaDirector',
          data: { host: host?.name ?? formatMac(src), vip: formatIp(ip.src), director: formatMac(director) },
          key: String(src),
          hosts: [{ mac: src }],
          evidence: [{ capture: s.capture, frame: s.frame }],
          expected: `replies from ${formatIp(ip.src)} go to the router (the real server's default gateway)`,
          seen: `reply from ${formatMac(src)} addressed to the director ${formatMac(director)}`,
        });
      },
    };
  },
});
