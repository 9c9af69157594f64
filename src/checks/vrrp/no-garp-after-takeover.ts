import { formatIp, isIpv4, type IpAddress, type Mac } from '../../decode/addresses.js';
import { srcMacOf, type Sighting } from '../../correlate/sighting.js';
import { isVrrpVirtualMac } from '../../correlate/topology.js';
import { defineCheck } from '../check-api.js';
import { alignedTime, createAdvertTracker, type Advertiser } from './adverts.js';

/** keepalived sends its first gratuitous ARPs right after the first advert; allow for slow links. */
const GARP_DEADLINE_SECONDS = 3;
/**
 * Announcements up to this long before the advert that starts a takeover still count: captures'
 * clocks differ slightly, and a master that announced the VIP moments ago (keepalived repeats
 * after garp_master_delay, 5 s) left the caches pointing at itself.
 */
const RECENT_SECONDS = 6;
const ND_NEIGHBOR_SOLICITATION = 135, ND_NEIGHBOR_ADVERTISEMENT = 136;

type Takeover = { readonly master: Advertiser; readonly vrid: number; readonly t: number; readonly vips: readonly IpAddress[]; readonly announced: Set<IpAddress>; readonly sighting: Sighting };

export default defineCheck({
  meta: {
    id: 'vrrp/no-garp-after-takeover',
    title: 'A new VRRP master did not announce its VIPs',
    severity: 'error',
    summary: 'Fires when a new master starts advertising a VRID after another master (or after a resignation) and sends no gratuitous ARP (IPv6: unsolicited neighbour advertisement) for a VIP from 6 s before to 3 s after its first advert; takeovers less than 3 s before the captures end are not judged.',
    why: 'After a failover the router and clients still map the VIP to the old master\'s MAC until they hear otherwise. keepalived announces each VIP with gratuitous ARPs (garp_master_repeat, default 5) right after becoming master; without them traffic keeps going to a director that no longer holds the VIP until the ARP cache ages out.',
    fix: 'Keep keepalived\'s gratuitous ARPs on (vrrp_garp_master_repeat ≥ 1, garp_master_delay), allow them through any filtering on the director, and make sure the router accepts gratuitous ARP (arp_accept, or the switch/router\'s GARP settings).',
    docs: 'docs/checks/vrrp/no-garp-after-takeover.md',
    messages: {
      silent: '{{master}} became master of VRID {{vrid}} but sent no gratuitous ARP/NA for {{vips}} within {{deadline}} s.',
      unseen: '{{master}} became master of VRID {{vrid}}; whether it announced {{vips}} cannot be seen: no capture holds any {{protocol}} (a capture filter such as "vrrp" leaves it out).',
    },
  },
  create(ctx) {
    const adverts = createAdvertTracker(ctx.captures);
    const pending: Takeover[] = [];
    let lastSeen = -Infinity;
    // Announcements are ARP (IPv4) and neighbour discovery (IPv6): a capture filtered to VRRP holds neither.
    let arpFrames = 0, ndFrames = 0;
    const recent: { ip: IpAddress; mac: Mac; t: number }[] = [];
    const credit = (p: Takeover, ip: IpAddress, mac: Mac) => {
      if (p.vips.includes(ip) && (mac === p.master.mac || isVrrpVirtualMac(mac))) p.announced.add(ip);
    };

    function settle(now: number): void {
      for (let i = pending.length - 1; i >= 0; i--) {
        const p = pending[i]!;
        if (p.vips.every((v) => p.announced.has(v))) { pending.splice(i, 1); continue; }
        if (now - p.t <= GARP_DEADLINE_SECONDS) continue;
        pending.splice(i, 1);
        const missing = p.vips.filter((v) => !p.announced.has(v));
        const known = ctx.topology.hostByIp(p.master.ip)?.name;
        const name = known ?? formatIp(p.master.ip);
        const master = known === undefined ? name : `${name} (${formatIp(p.master.ip)})`;
        const draft = {
          key: `${p.master.ip}|${p.vrid}`,
          hosts: [{ ip: p.master.ip, ...(p.master.mac !== undefined ? { mac: p.master.mac } : {}) }],
          evidence: [{ capture: p.sighting.capture, frame: p.sighting.frame }],
          expected: `gratuitous ARP for ${missing.map(formatIp).join(', ')} from ${name} right after its first advert`,
        };
        const unseen = [...(missing.some(isIpv4) && arpFrames === 0 ? ['ARP'] : []), ...(missing.some((v) => !isIpv4(v)) && ndFrames === 0 ? ['neighbour discovery'] : [])];
        if (unseen.length > 0) {
          ctx.report({
            ...draft, messageId: 'unseen', verdict: 'inconclusive',
            data: { master, vrid: p.vrid, vips: missing.map(formatIp).join(', '), protocol: unseen.join(' or ') },
            seen: `no ${unseen.join(' or ')} frame in any capture`,
            fix: 'Capture VRRP together with ARP (and ICMPv6 for IPv6 VIPs): tcpdump -i eth0 -U -w HOST.pcap \'vrrp or arp or icmp6\', or without a filter.',
          });
          continue;
        }
        ctx.report({
          ...draft, messageId: 'silent',
          data: { master, vrid: p.vrid, vips: missing.map(formatIp).join(', '), deadline: GARP_DEADLINE_SECONDS },
          seen: 'no announcement',
        });
      }
    }

    return {
      sighting(s) {
        const now = alignedTime(s, ctx.captures);
        if (now > lastSeen) lastSeen = now;
        const a = s.frame.arp;
        const l4 = s.frame.l4;
        let announcement: { ip: IpAddress; mac: Mac } | undefined;
        if (a) arpFrames++;
        else if (l4?.kind === 'icmpv6' && (l4.type === ND_NEIGHBOR_SOLICITATION || l4.type === ND_NEIGHBOR_ADVERTISEMENT)) ndFrames++;
        if (a && a.spa === a.tpa) announcement = { ip: a.spa, mac: a.sha };
        else if (l4?.kind === 'icmpv6' && l4.type === ND_NEIGHBOR_ADVERTISEMENT && l4.ndTarget !== undefined && srcMacOf(s) !== undefined) announcement = { ip: l4.ndTarget, mac: srcMacOf(s)! };
        if (announcement) {
          for (const p of pending) credit(p, announcement.ip, announcement.mac);
          // Captures' clocks differ slightly: an announcement may be processed just before the advert.
          recent.push({ ...announcement, t: now });
          while (recent.length > 0 && (recent.length > 256 || now - recent[0]!.t > RECENT_SECONDS)) recent.shift();
        }
        const ev = adverts.observe(s);
        // A takeover: an advertiser starts a run of adverts after another one was heard for
        // this VRID (the first advertiser of a capture may have been master for long).
        if (ev && ev.fresh && ev.advert.priority > 0 && ev.advert.addresses.length > 0 &&
            adverts.all(ev.advert.vrid).some((other) => other.ip !== ev.from.ip && other.last <= ev.t)) {
          const p: Takeover = { master: ev.from, vrid: ev.advert.vrid, t: ev.t, vips: ev.advert.addresses, announced: new Set(), sighting: ev.sighting };
          for (const r of recent) if (ev.t - r.t <= RECENT_SECONDS) credit(p, r.ip, r.mac);
          pending.push(p);
        }
        settle(now);
      },
      // A takeover too close to the end of the captures to see its announcements is not judged.
      end() { settle(lastSeen); },
    };
  },
});
