import { formatIp, formatMac, type Ipv4 } from '../../decode/addresses.js';
import { dstMacOf, type Sighting } from '../../correlate/sighting.js';
import { defineCheck, type HostRef } from '../check-api.js';

/** Linux gives up on a neighbour after mcast_solicit (3) broadcast requests, retrans_time (1 s) apart. */
const FAILED_AFTER_REQUESTS = 3;
/** Requests further apart than this belong to separate resolution attempts. */
const RETRY_GAP_SECONDS = 1.5;
const ICMP_DEST_UNREACH = 3, ICMP_HOST_UNREACH = 1;
const TCP_SYN = 0x02, TCP_ACK = 0x10;
const MAX_TARGETS = 4096;
/** Failures held for addresses not (yet) known to be VIPs. */
const MAX_PENDING = 256;
const MAX_EVIDENCE = 6;
const BROADCAST_MAC = 0xffffffffffff;

/** One resolution attempt for a target, counted in the capture that first saw it. */
type Attempt = { readonly capture: number; readonly asker: Ipv4; requests: number; lastT: number; readonly frames: Sighting[] };

/** A failure to resolve a target, held until the target is known to be a VIP. */
type Failure = { readonly target: Ipv4; readonly asker: Ipv4; readonly frames: readonly Sighting[]; readonly seen: string };

export default defineCheck({
  meta: {
    id: 'arp/vip-unresolved',
    title: 'Nobody answers ARP for the VIP',
    severity: 'error',
    summary: 'Fires when "who-has VIP" is asked again and again and no host answers (no ARP from the VIP in any capture), or a router reports the VIP host-unreachable (ICMP 3/1).',
    why: 'In DR the director must own the VIP on the LAN: the router (or an on-link client) resolves the VIP by ARP and sends every client packet to the MAC that answers. If nobody answers, nothing reaches the director; the router drops the clients\' packets and returns ICMP host unreachable after about three seconds. Typical causes: the VIP is not configured on the director (keepalived not MASTER, address removed), or it sits on lo with arp_ignore=1 copied from the real servers\' set-up, so the director ignores requests for it on eth0.',
    fix: 'On the active director put the VIP on the interface that faces the router (ip addr add VIP/32 dev eth0) and keep arp_ignore at 0 there (arp_ignore=1 and arp_announce=2 belong on the real servers); with keepalived check that one instance is MASTER and holds the VIP (ip addr show dev eth0).',
    docs: 'docs/checks/arp/vip-unresolved.md',
    messages: {
      unresolved: 'Nobody answers ARP for {{vip}}: {{asker}} cannot deliver the clients\' packets to it.',
    },
  },
  sightingKinds: ['arp', 'tcp', 'icmp'],
  create(ctx) {
    const attempts = new Map<Ipv4, Attempt>();
    /** Failures for targets not (yet) known to be VIPs. */
    const pending: Failure[] = [];
    /** Addresses clients open TCP connections to: the VIPs when none is known otherwise. */
    const synTargets = new Set<Ipv4>();

    function qualifies(target: Ipv4): boolean {
      return ctx.topology.isVip(target) || (ctx.topology.vips.length === 0 && synTargets.has(target));
    }

    function fail(f: Failure): void {
      if (qualifies(f.target)) report(f);
      else if (pending.length < MAX_PENDING) pending.push(f);
    }

    function report(f: Failure): void {
      const director = ctx.topology.directors.length === 1 ? ctx.topology.directors[0] : undefined;
      const hosts: HostRef[] = [{ ip: f.target }];
      if (director?.mac !== undefined) hosts.push({ mac: director.mac, ...(director.ips[0] !== undefined ? { ip: director.ips[0] } : {}) });
      ctx.report({
        messageId: 'unresolved',
        data: { vip: formatIp(f.target), asker: formatIp(f.asker) },
        key: String(f.target),
        hosts,
        evidence: f.frames.map((s) => ({ capture: s.capture, frame: s.frame })),
        expected: `"${formatIp(f.target)} is-at ${director?.mac !== undefined ? formatMac(director.mac) : '<director MAC>'}" within a second of each request`,
        seen: f.seen,
      });
    }

    /** Closes the attempts of capture `capture` that saw no request for longer than a retry gap. */
    function sweep(capture: number, t: number): void {
      for (const [target, a] of [...attempts]) if (a.capture === capture && t - a.lastT > RETRY_GAP_SECONDS) close(target, a);
    }
    let nextSweep = -Infinity;

    function close(target: Ipv4, a: Attempt): void {
      attempts.delete(target);
      if (a.requests < FAILED_AFTER_REQUESTS) return;
      const span = (a.lastT - a.frames[0]!.t).toFixed(1);
      fail({
        target, asker: a.asker, frames: a.frames,
        seen: `${a.requests} requests "who-has ${formatIp(target)} tell ${formatIp(a.asker)}" in ${span} s, no ARP from ${formatIp(target)} in any capture`,
      });
    }

    return {
      sighting(s) {
        const f = s.frame;
        const arp = f.arp;
        if (arp) {
          // Any ARP from the target (a reply, a gratuitous ARP, its own request) resolves it.
          const from = attempts.get(arp.spa);
          if (from) attempts.delete(arp.spa);
          // Broadcast resolution only: a unicast probe (sent to the cached MAC; Linux leaves the
          // target MAC zero in both) re-checks an entry and, after a failover, goes unanswered by
          // design until the new owner is asked. Cooked captures show no destination: all count.
          const dst = dstMacOf(s);
          if (arp.op !== 1 || arp.spa === arp.tpa || arp.spa === 0 || (dst !== undefined && dst !== BROADCAST_MAC)) return;
          const target = arp.tpa;
          // Attempts end when their capture moves on: an ARP scan must not fill the table for good.
          if (s.t > nextSweep || attempts.size >= MAX_TARGETS) { sweep(s.capture, s.t); nextSweep = s.t + RETRY_GAP_SECONDS; }
          let a = attempts.get(target);
          if (a && s.capture !== a.capture) return; // the same broadcast seen at another vantage point
          if (a && s.t - a.lastT > RETRY_GAP_SECONDS) { close(target, a); a = undefined; }
          if (!a) {
            if (attempts.size >= MAX_TARGETS) return;
            attempts.set(target, (a = { capture: s.capture, asker: arp.spa, requests: 0, lastT: s.t, frames: [] }));
          }
          a.requests++;
          a.lastT = s.t;
          if (a.frames.length < MAX_EVIDENCE) a.frames.push(s);
          return;
        }
        const ip = f.ip, l4 = f.l4;
        if (!ip || ip.version !== 4 || !l4) return;
        if (l4.kind === 'tcp') {
          if ((l4.flags & (TCP_SYN | TCP_ACK)) === TCP_SYN && synTargets.size < MAX_TARGETS) synTargets.add(ip.dst as Ipv4);
          return;
        }
        // A router that gave up resolving the destination of a packet it was forwarding.
        if (l4.kind !== 'icmp' || l4.type !== ICMP_DEST_UNREACH || l4.code !== ICMP_HOST_UNREACH) return;
        const e = l4.embedded;
        if (!e || e.version !== 4 || ctx.topology.isVip(ip.src) || e.dst === ip.src) return;
        fail({ target: e.dst as Ipv4, asker: ip.src as Ipv4, frames: [s], seen: `ICMP host unreachable for ${formatIp(e.dst)} from ${formatIp(ip.src)}: it gave up resolving it` });
      },
      end() {
        for (const [target, a] of [...attempts]) close(target, a);
        // The VIPs may have become known after the failure (live watching re-infers them).
        for (const f of pending) if (qualifies(f.target)) report(f);
      },
    };
  },
});
