import { formatIp } from '../../decode/addresses.js';
import { defineCheck } from '../check-api.js';
import { createAdvertTracker, masterDownSeconds, type Advertiser } from './adverts.js';

/** An advert the old master sent as the new one began (both timers fired at once) is no second master. */
const HANDOVER_TOLERANCE = 0.5;

export default defineCheck({
  meta: {
    id: 'vrrp/multiple-masters',
    title: 'Two directors advertise the same VRRP instance (split brain)',
    severity: 'error',
    summary: 'Fires when two sources send VRRP adverts for the same VRID on one segment for longer than the master-down interval (3 × advert interval + skew).',
    why: 'Only the master advertises; a backup that hears the master stays silent. Two advertisers mean each misses the other\'s adverts (firewall dropping protocol 112, multicast filtering, adverts crossing a router with TTL < 255, VRID/auth/version mismatch): both hold the VIP, both answer ARP, and clients are reset whenever the ARP caches flip.',
    fix: 'Let VRRP through on both directors (nft add rule inet filter input ip protocol vrrp accept / firewall-cmd --add-protocol=vrrp), keep both on one segment, and give both the same virtual_router_id, version and authentication; or use unicast_peer.',
    docs: 'docs/checks/vrrp/multiple-masters.md',
    messages: {
      split: 'VRID {{vrid}} has two masters: {{a}} advertised together with {{b}} for {{seconds}} s.',
    },
  },
  sightingKinds: ['vrrp'],
  create(ctx) {
    const adverts = createAdvertTracker(ctx.captures);
    const reported = new Set<number>();
    return {
      sighting(s) {
        const ev = adverts.observe(s);
        if (!ev || reported.has(ev.advert.vrid) || ev.from.priority <= 0) return;
        const vrid = ev.advert.vrid, from = ev.from;
        // Two masters: each advertised after the other began, and both for longer than a backup
        // waits (keepalived's timers may make them take turns rather than interleave). One that
        // fell silent as the next began handed over: a preempting master, a replaced router.
        const startWith = (a: Advertiser) => Math.max(from.since, a.since);
        const together = (a: Advertiser) => Math.min(from.last, a.last) - startWith(a);
        const limitWith = (a: Advertiser) => Math.max(masterDownSeconds(from), masterDownSeconds(a));
        const partners = adverts.active(vrid, ev.t).filter((a) =>
          a !== from && together(a) > HANDOVER_TOLERANCE * Math.max(from.intervalS, a.intervalS) && ev.t - startWith(a) > limitWith(a));
        if (partners.length === 0) return;
        const active = [from, ...partners];
        const since = Math.max(...partners.map(startWith)), limit = Math.max(...partners.map(limitWith));
        reported.add(vrid);
        // Every advertiser of the VRID holds the VIP: each is implicated, the lower priority first.
        const sorted = [...active].sort((x, y) => x.priority - y.priority);
        const label = (a: Advertiser) => {
          const known = ctx.topology.hostByIp(a.ip)?.name;
          return known === undefined ? `${formatIp(a.ip)} (priority ${a.priority})` : `${known} (${formatIp(a.ip)}, priority ${a.priority})`;
        };
        for (const a of sorted) {
          const other = sorted.find((x) => x !== a)!;
          ctx.report({
            messageId: 'split',
            data: { vrid, a: label(a), b: label(other), seconds: (ev.t - since).toFixed(1) },
            key: `${vrid}|${a.ip}`,
            hosts: [{ ip: a.ip, ...(a.mac !== undefined ? { mac: a.mac } : {}) }],
            evidence: [a.first, other.first, ev.sighting].map((x) => ({ capture: x.capture, frame: x.frame })),
            expected: `one advertiser for VRID ${vrid}`,
            seen: `${formatIp(a.ip)} advertising together with ${formatIp(other.ip)} for more than ${limit.toFixed(1)} s`,
          });
        }
      },
    };
  },
});
