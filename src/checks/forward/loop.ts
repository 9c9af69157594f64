import { formatIp, formatMac, isGroupAddress, type Mac } from '../../decode/addresses.js';
import type { Frame } from '../../decode/frame-types.js';
import { connectionKeyOf } from '../../correlate/connections.js';
import { dstMacOf, srcMacOf, type Sighting } from '../../correlate/sighting.js';
import { defineCheck } from '../check-api.js';
import { isInbound } from '../vantage.js';

/**
 * Who keeps sending the packet back: the non-director that sent a copy with the lowest TTL
 * (a router's copy, on the way in, carries a higher TTL than any looped copy); when only
 * directors sent copies (two directors forwarding to each other), a director.
 */
function loopCulprit(sightings: readonly Sighting[], isDirector: (m: Mac | undefined) => boolean): Mac | undefined {
  const firstTtl = sightings[0]!.frame.ip!.ttl;
  let culprit: Mac | undefined, lowest = Infinity;
  for (const s of sightings) {
    const src = srcMacOf(s), ttl = s.frame.ip!.ttl;
    if (src !== undefined && !isDirector(src) && ttl < firstTtl && ttl < lowest) { culprit = src; lowest = ttl; }
  }
  return culprit ?? sightings.map(srcMacOf).find((m) => isDirector(m));
}

/** The TTL routers count down: a tunnelled packet's (LVS-TUN) outer one, the inner one stays. */
function routedTtl(f: Frame): number {
  return (f.tunnel ?? f.ip!).ttl;
}

/** Marks a connection whose packet looped, apart from other explanations (forward/probe asks). */
export function loopKey(connectionKey: string): string {
  return `loop|${connectionKey}`;
}

export default defineCheck({
  meta: {
    id: 'forward/loop',
    title: 'A packet passes the same vantage point repeatedly with falling TTL',
    severity: 'error',
    summary: 'Fires when the same packet arrives at the same host again with a lower TTL (hop limit).',
    why: 'A forwarding loop burns the packet\'s TTL until it is dropped with ICMP time exceeded; the connection never completes. In DR this happens when a real server without the VIP has ip_forward=1 and routes the packet back to the director, or when two directors forward to each other (backup_only not set).',
    fix: 'Put the VIP on lo of every real server (ip addr add VIP/32 dev lo); on real servers that must forward, make sure the VIP is local; on a backup director set net.ipv4.vs.backup_only=1.',
    docs: 'docs/checks/forward/loop.md',
    messages: {
      loop: '{{packet}} loops: it arrived at {{capture}} again with TTL {{ttl}} (was {{firstTtl}}); {{culprit}} sends it back.',
    },
  },
  sightingKinds: ['ip'],
  create(ctx) {
    return {
      sighting(s, earlier) {
        const ip = s.frame.ip;
        // A plain loop, not find(): this runs for every frame and a closure per call adds up.
        if (!ip || earlier.length === 0) return;
        // A multicast router sends a group's packet on to other links with a lower TTL, and a
        // capture that sees two of them sees it twice: routing, not a loop.
        if (isGroupAddress(ip.dst)) return;
        const c = ctx.captures[s.capture]!;
        const dst = dstMacOf(s);
        const tunnel = s.frame.tunnel, ttl = routedTtl(s.frame);
        let previous: Sighting | undefined;
        for (const e of earlier) {
          if (e.capture === s.capture && (e.frame.tunnel === undefined) === (tunnel === undefined) && routedTtl(e.frame) > ttl &&
            (dst !== undefined ? dstMacOf(e) === dst : isInbound(e, c) && isInbound(s, c))) { previous = e; break; }
        }
        if (!previous) return;
        const all = [...earlier, s];
        const culprit = loopCulprit(all, ctx.topology.isDirectorMac);
        const l4 = s.frame.l4;
        if (l4 && (l4.kind === 'tcp' || l4.kind === 'udp')) {
          const key = connectionKeyOf(ip.src, l4.sport, l4.dport, l4.kind);
          ctx.explain(key);
          ctx.explain(loopKey(key));
        }
        const port = l4 && (l4.kind === 'tcp' || l4.kind === 'udp') ? `:${l4.dport}` : '';
        ctx.report({
          messageId: 'loop',
          data: {
            packet: `${formatIp(ip.src)} → ${formatIp(ip.dst)}${port}`, capture: c.name, ttl,
            firstTtl: routedTtl(previous.frame), culprit: culprit !== undefined ? ctx.topology.labelOfMac(culprit) : 'an unknown host',
          },
          key: culprit !== undefined ? String(culprit) : 'unknown',
          hosts: culprit !== undefined ? [{ mac: culprit }] : [],
          evidence: all.filter((x) => x.capture === s.capture).slice(0, 8).map((x) => ({ capture: x.capture, frame: x.frame })),
          expected: 'each packet passes each host once',
          seen: `same packet at ${c.name} with TTL ${routedTtl(previous.frame)} then ${ttl}` + (culprit !== undefined ? ` (sent back by ${formatMac(culprit)})` : ''),
        });
      },
    };
  },
});
