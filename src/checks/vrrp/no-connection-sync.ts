import { formatIp, type IpAddress, type Mac } from '../../decode/addresses.js';
import type { Connection } from '../../correlate/connections.js';
import { srcMacOf, type Sighting } from '../../correlate/sighting.js';
import { isVrrpVirtualMac } from '../../correlate/topology.js';
import { defineCheck } from '../check-api.js';
import { createAdvertTracker, type Advertiser } from './adverts.js';
import { createOtherTrafficTracker } from '../other-traffic.js';

/**
 * The master's kernel sends a connection's entry once it is ESTABLISHED and has seen
 * sync_threshold (default 3) packets, or on a later state change (FIN), and flushes its buffer
 * 2 s after the first entry went in (ip_vs_sync.c: ip_vs_sync_conn_needed, IPVS_SYNC_FLUSH_TIME).
 * In the lab the messages left 2.3–2.5 s after the connections began.
 */
const SYNC_THRESHOLD_PACKETS = 3;
const SYNC_WAIT_SECONDS = 4;

type Forwarded = { count: number; firstT: number; sighting: Sighting };
type VipMaster = { readonly advertiser: Advertiser; readonly vrid: number; readonly vips: IpAddress[] };

/** A connection the master would have synced: enough packets, or a TCP close. */
function syncable(c: Connection): boolean {
  return c.requestCount >= SYNC_THRESHOLD_PACKETS || (c.protocol === 'tcp' && c.closing);
}

export default defineCheck({
  meta: {
    id: 'vrrp/no-connection-sync',
    title: 'A VRRP director forwards connections without syncing them to its backup',
    severity: 'warning',
    summary: `Fires when a director that advertises a VIP in VRRP forwards connections (${SYNC_THRESHOLD_PACKETS} or more packets, or closed) and sends no IPVS sync message (UDP to port 8848) while it keeps advertising for ${SYNC_WAIT_SECONDS} s or more after the first of them.`,
    why: 'A backup director takes over the VIP with its own IPVS table. Without connection synchronisation it has no entry for the connections in flight: their next packet is not a SYN, IPVS does not schedule it, and the backup\'s own TCP stack answers with a RST from the VIP. Every open connection is reset at each failover, including long-lived ones the failover was meant to protect.',
    fix: 'Run the IPVS sync daemons: in keepalived\'s global_defs on both directors, `lvs_sync_daemon eth0 VI_1` (the interface and the VRRP instance holding the VIP); or by hand, `ipvsadm --start-daemon master --mcast-interface eth0` on the master and `ipvsadm --start-daemon backup --mcast-interface eth0` on the backup, with the same --syncid. Allow UDP to 224.0.0.81:8848 between the directors.',
    docs: 'docs/checks/vrrp/no-connection-sync.md',
    messages: {
      unsynced: '{{director}} is VRRP master of VRID {{vrid}} for {{vips}} and forwarded {{count}} connection(s), but sent no IPVS connection sync message: a failover to its backup resets them.',
      tooSoon: '{{director}} forwarded connections for {{vips}}, but no capture shows it for {{wait}} s after the first of them: too soon to expect its IPVS sync messages.',
      filtered: '{{director}} is VRRP master of VRID {{vrid}} for {{vips}} and forwarded {{count}} connection(s); whether it syncs them to its backup cannot be seen: the captures hold only the VIP\'s traffic, ARP and VRRP, not even health checks from the directors\' own addresses (captures filtered on the VIP look so), and IPVS sync messages go from its own address to 224.0.0.81:8848.',
    },
  },
  // Every IP frame: whether the captures hold more than the VIP's traffic (a filter on the VIP
  // leaves the sync messages out); only VRRP and UDP frames are looked at beyond that.
  sightingKinds: ['ip'],
  create(ctx) {
    // A keepalived director's health checks go from its own address: with VRRP in the captures
    // and no such traffic at all, the captures were filtered on the VIP (ARP may have been kept).
    const otherTraffic = createOtherTrafficTracker(ctx, { arp: false });
    const adverts = createAdvertTracker(ctx.captures);
    const masters = new Map<IpAddress, VipMaster>();
    /** The first sync message of each sender, by IP and by MAC. */
    const syncByIp = new Map<IpAddress, Sighting>();
    const syncByMac = new Map<Mac, Sighting>();
    const forwardedBy = new Map<Mac, Forwarded>();

    function macsOf(a: Advertiser): Set<Mac> {
      const macs = new Set<Mac>();
      // A VRRP virtual MAC moves with mastership: the director's own MAC forwards and syncs.
      if (a.mac !== undefined && !isVrrpVirtualMac(a.mac)) macs.add(a.mac);
      const own = ctx.topology.hostByIp(a.ip)?.mac;
      if (own !== undefined) macs.add(own);
      return macs;
    }

    function forwardedByMaster(a: Advertiser, macs: ReadonlySet<Mac>): Forwarded | undefined {
      let out: Forwarded | undefined;
      for (const [mac, f] of forwardedBy) {
        if (!macs.has(mac) && !(ctx.topology.hostByMac(mac)?.ips.includes(a.ip) ?? false)) continue;
        if (!out) out = { ...f };
        else {
          out.count += f.count;
          if (f.firstT < out.firstT) { out.firstT = f.firstT; out.sighting = f.sighting; }
        }
      }
      return out;
    }

    const label = (a: Advertiser) => {
      const name = ctx.topology.hostByIp(a.ip)?.name;
      return name && !name.includes(formatIp(a.ip)) ? `${name} (${formatIp(a.ip)})` : (name ?? formatIp(a.ip));
    };
    const hostOf = (a: Advertiser, macs: ReadonlySet<Mac>) => {
      const mac = [...macs][0];
      return { ip: a.ip, ...(mac !== undefined ? { mac } : {}) };
    };

    return {
      sighting(s) {
        otherTraffic.observe(s);
        const l4 = s.frame.l4;
        if (l4?.kind === 'udp') {
          if (!l4.ipvsSync) return;
          const ip = s.frame.ip?.src, mac = srcMacOf(s);
          if (ip !== undefined && !syncByIp.has(ip)) syncByIp.set(ip, s);
          if (mac !== undefined && !syncByMac.has(mac)) syncByMac.set(mac, s);
          return;
        }
        if (l4?.kind !== 'vrrp') return;
        const ev = adverts.observe(s);
        if (!ev || ev.advert.priority === 0 || masters.has(ev.from.ip)) return;
        const vips = ev.advert.addresses.filter((a) => ctx.topology.isVip(a));
        if (vips.length > 0) masters.set(ev.from.ip, { advertiser: ev.from, vrid: ev.advert.vrid, vips });
      },
      connection(c) {
        if (!syncable(c)) return;
        const out = c.realServerSightings[0];
        const mac = out && srcMacOf(out);
        if (!out || mac === undefined) return;
        const f = forwardedBy.get(mac);
        if (!f) forwardedBy.set(mac, { count: 1, firstT: c.firstT, sighting: out });
        else {
          f.count++;
          if (c.firstT < f.firstT) { f.firstT = c.firstT; f.sighting = out; }
        }
      },
      end() {
        const undecided: { master: VipMaster; macs: Set<Mac>; f: Forwarded }[] = [];
        for (const m of masters.values()) {
          const a = m.advertiser, macs = macsOf(a);
          const f = forwardedByMaster(a, macs);
          if (!f) continue;
          if (syncByIp.has(a.ip) || [...macs].some((x) => syncByMac.has(x))) continue;
          if (a.last < f.firstT + SYNC_WAIT_SECONDS) { undecided.push({ master: m, macs, f }); continue; }
          const vips = m.vips.map(formatIp).join(', ');
          if (!otherTraffic.anyHoldsOtherTraffic()) {
            ctx.report({
              messageId: 'filtered', verdict: 'inconclusive',
              data: { director: label(a), vrid: m.vrid, vips, count: f.count },
              key: `${a.ip}`,
              hosts: [hostOf(a, macs)],
              evidence: [a.first, f.sighting].map((x) => ({ capture: x.capture, frame: x.frame })),
              expected: `IPVS sync messages (UDP to 224.0.0.81:8848) from ${label(a)} within ${SYNC_WAIT_SECONDS} s of the connections it forwards`,
              seen: 'no capture holds IP traffic other than the VIP\'s and VRRP, so none would hold a sync message',
              fix: 'Capture on a director with the sync port in the filter: tcpdump -i eth0 -U -w director.pcap \'host VIP or port VPORT or arp or vrrp or udp port 8848\'.',
            });
            continue;
          }
          ctx.report({
            messageId: 'unsynced',
            data: { director: label(a), vrid: m.vrid, vips, count: f.count },
            key: `${a.ip}`,
            hosts: [hostOf(a, macs)],
            evidence: [a.first, f.sighting].map((x) => ({ capture: x.capture, frame: x.frame })),
            expected: `IPVS sync messages (UDP to 224.0.0.81:8848) from ${label(a)} within ${SYNC_WAIT_SECONDS} s of the connections it forwards`,
            seen: `${f.count} connection(s) forwarded, advertising for ${(a.last - f.firstT).toFixed(1)} s after the first, no sync message in any capture`,
          });
        }
        // Every director that forwarded connections too late in the captures to be judged.
        for (const { master, macs, f } of undecided) {
          const a = master.advertiser;
          ctx.report({
            messageId: 'tooSoon',
            verdict: 'inconclusive',
            data: { director: label(a), vips: master.vips.map(formatIp).join(', '), wait: SYNC_WAIT_SECONDS },
            key: `${a.ip}`,
            hosts: [hostOf(a, macs)],
            evidence: [{ capture: f.sighting.capture, frame: f.sighting.frame }],
            expected: `${SYNC_WAIT_SECONDS} s of ${label(a)}'s adverts after its first forwarded connection`,
            seen: `${(a.last - f.firstT).toFixed(1)} s`,
          });
        }
      },
    };
  },
});
