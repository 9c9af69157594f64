import { formatIp, formatMac } from '../../decode/addresses.js';
import { connectionKeyOf } from '../../correlate/connections.js';
import { defineCheck } from '../check-api.js';
import { capturesWithRole, directorReceiving, directorSending, isOutbound } from '../vantage.js';
import { headerChanges } from './header-diff.js';

export default defineCheck({
  meta: {
    id: 'forward/header-rewritten',
    title: 'The director changed more than the MACs of a forwarded packet',
    severity: 'error',
    summary: 'Fires when the director\'s forwarded copy differs from what it received in anything but the MACs, TTL − 1 (unchanged before kernel 4.10) and the IPv4 header checksum.',
    why: 'DR forwarding rewrites only the Ethernet header (and since Linux 4.10 decrements the TTL). A changed destination address or port means the service is not in DR mode (NAT, -m) or something on the director (nftables, tc) mangles packets; the real server then sees a different flow than the client opened.',
    fix: 'Use DR forwarding: ipvsadm -e -t VIP:PORT -r RIP:PORT -g (keepalived: lb_kind DR); remove DNAT/mangle rules for the VIP on the director.',
    docs: 'docs/checks/forward/header-rewritten.md',
    messages: {
      rewritten: 'The director ({{director}}) changed {{fields}} of packets it forwarded to {{target}}.',
      noPair: 'No capture shows a packet both arriving at and leaving the director, so its rewriting cannot be checked.',
    },
  },
  sightingKinds: ['ip'],
  create(ctx) {
    let pairs = 0, vipPackets = 0;
    return {
      sighting(s, earlier) {
        const ip = s.frame.ip;
        if (!ip) return;
        if (ctx.topology.isVip(ip.dst)) vipPackets++;
        const director = directorSending(s, ctx.topology);
        if (director === undefined || ctx.topology.isVip(ip.src)) return;
        // Pair with the arrival just before this departure (in a loop the packet arrives many times).
        // Of copies with that TTL: one the director left unchanged (a retransmission shares the
        // identity of IPv6 packets, which have no IP ID, but not their bytes), then one not
        // captured by its own sender (with checksum offload, the default on real NICs, the
        // sender's capture holds an L4 checksum the NIC fills in later), then the latest.
        let before: (typeof earlier)[number] | undefined;
        let beforeAtSender = false, beforeSame = false;
        for (const e of earlier) {
          const eip = e.frame.ip;
          if (!eip || eip.ttl < ip.ttl || !ctx.topology.isSameHost(directorReceiving(e, ctx.captures, ctx.topology), director)) continue;
          const atSender = isOutbound(e, ctx.captures[e.capture]!);
          const same = e.invariant === s.invariant && e.invariantSpan === s.invariantSpan;
          const better = !before || eip.ttl < before.frame.ip!.ttl || (eip.ttl === before.frame.ip!.ttl &&
            (same !== beforeSame ? same : atSender !== beforeAtSender ? !atSender : true));
          if (better) {
            before = e;
            beforeAtSender = atSender;
            beforeSame = same;
          }
        }
        if (!before || !ctx.topology.isVip(before.frame.ip!.dst)) return;
        // In a loop the packet comes back within microseconds, and captures' clocks aligned a
        // little off can put a departure before the arrival it belongs to. A copy with a TTL
        // between the two is that arrival's: the pair is not one hop (forward/loop reports it).
        const arrivalTtl = before.frame.ip!.ttl;
        if (arrivalTtl - ip.ttl > 1 && earlier.some((e) => e.frame.ip !== undefined && e.frame.ip.ttl < arrivalTtl && e.frame.ip.ttl > ip.ttl)) return;
        pairs++;
        const changes = headerChanges(before.frame, before, s.frame, s, !beforeAtSender);
        if (changes.length === 0) return;
        const bl4 = before.frame.l4;
        if (bl4 && (bl4.kind === 'tcp' || bl4.kind === 'udp')) ctx.explain(connectionKeyOf(before.frame.ip!.src, bl4.sport, bl4.dport, bl4.kind));
        const target = ctx.topology.labelOfMac(s.frame.link?.kind === 'ethernet' ? s.frame.link.dst : undefined);
        ctx.report({
          messageId: 'rewritten',
          data: { director: formatMac(director), fields: changes.map((c) => c.field).join(', '), target },
          key: `${director}|${changes.map((c) => c.field).join(',')}`,
          hosts: [{ mac: director }],
          evidence: [{ capture: before.capture, frame: before.frame }, { capture: s.capture, frame: s.frame }],
          expected: `only MACs, TTL − 1 and the IPv4 header checksum change (received ${formatIp(before.frame.ip!.dst)})`,
          seen: changes.map((c) => `${c.field} ${c.before} → ${c.after}`).join('; '),
        });
      },
      end() {
        if (pairs > 0 || vipPackets === 0) return;
        const directorCaptures = capturesWithRole(ctx.captures, 'director');
        const rsCaptures = capturesWithRole(ctx.captures, 'real-server');
        if (directorCaptures.length > 0 || rsCaptures.length > 0) return;
        ctx.report({
          messageId: 'noPair', data: {}, verdict: 'inconclusive', key: 'no-pair', hosts: [], evidence: [],
          expected: 'a capture on the director, or captures on both sides of it',
          seen: 'inconclusive: no director or real-server capture',
        });
      },
    };
  },
});
