import { basename } from 'node:path';
import { formatIp, formatMac, type IpAddress, type Mac } from '../../decode/addresses.js';
import { dstMacOf, isMulticastMac, srcMacOf, type Sighting } from '../../correlate/sighting.js';
import { defineCheck, type CaptureView, type EvidenceRef } from '../check-api.js';
import { captureHostRefs } from '../host-ref.js';
import { macsCapturedBy } from '../vantage.js';

/** Fewer missed packets may be a capture started or stopped a moment apart from the others. */
const MIN_MISSED = 2;
/**
 * How far from a capture's first and last frames a missed packet still counts. A capture
 * filtered on the host's own address keeps only ARP and health checks (keepalived's
 * delay_loop defaults to 60 s), so its frames understate how long it ran.
 */
const SPAN_SLACK_S = 60;
const MAX_EVIDENCE = 6;
/** Missed packets whose place in the capture's span is known only at its end. */
const MAX_PENDING = 256;

type Missed = { readonly t: number; readonly ref: EvidenceRef; readonly vip: IpAddress; readonly peer: IpAddress; readonly port: number | undefined };

type Blind = {
  /** Missed while the capture was known to be running. */
  confirmed: number;
  confirmedEvidence: Missed[];
  /** The captures that show the confirmed ones. */
  confirmedWitnesses: Set<number>;
  pending: Missed[];
};

export default defineCheck({
  meta: {
    id: 'capture/vip-traffic-missing',
    title: 'A host\'s capture misses the VIP traffic other captures show at that host',
    severity: 'info',
    summary: 'Reports a capture that holds no packet to or from a VIP although other captures show such packets sent to or by its host\'s MAC around the time it ran (within a minute of its own frames): it was taken on another interface, or with a filter that leaves the VIP\'s traffic out.',
    why: 'In DR the clients\' packets are addressed to the VIP on every hop, also on the director and on the real servers: a capture filtered on the host\'s own address (tcpdump host RIP, host DIP) or taken on the wrong interface holds only ARP and health checks, and every check that needed that host\'s view would pass, or blame the host, for want of packets.',
    fix: 'Capture on the interface that carries the VIP\'s traffic (ip route get CLIENT_IP), with a filter on the VIP, not on the host\'s own address: tcpdump -i eth0 -U -w HOST.pcap \'host VIP or port VPORT or arp or vrrp\' (the port keeps replies from a real server\'s own address).',
    docs: 'docs/checks/capture/vip-traffic-missing.md',
    messages: {
      missing: '{{file}} ({{host}}) holds none of the {{count}} packets to or from the VIP that {{witnesses}} show{{verb}} sent to or by its MAC {{mac}} around the time it ran: it was taken on another interface, or with a filter that leaves the VIP\'s traffic out{{example}}.',
    },
  },
  create(ctx) {
    const sawVip = ctx.captures.map(() => false);
    const blind: (Blind | undefined)[] = ctx.captures.map(() => undefined);
    // The captures watched by their host's MAC, until they show a packet of the VIP's traffic;
    // rebuilt when the topology changes (live mode learns the captures' hosts as it goes).
    const byMac = new Map<Mac, number>();
    let open = 0;
    let watchedFor: unknown;
    function watch(): void {
      watchedFor = ctx.topology;
      byMac.clear();
      for (const c of ctx.captures) for (const mac of macsCapturedBy(c)) if (!byMac.has(mac)) byMac.set(mac, c.index);
      open = new Set([...byMac.values()].filter((i) => !sawVip[i])).size;
    }
    watch();
    const isWatched = (index: number) => macsCapturedBy(ctx.captures[index]!).some((m) => byMac.get(m) === index);
    const alignedT = (s: Sighting) => s.t + (ctx.captures[s.capture]!.clockOffset ?? 0);
    /** Whether aligned time `t` is near the capture's frames: undefined until that is known. */
    const nearFrames = (c: CaptureView, t: number, final: boolean): boolean | undefined => {
      const { firstT, lastT } = c.stats;
      if (firstT === undefined || lastT === undefined) return final ? false : undefined;
      const off = c.clockOffset ?? 0;
      if (t < firstT + off - SPAN_SLACK_S) return false;
      if (t <= lastT + off + SPAN_SLACK_S) return true;
      return final ? false : undefined;
    };

    // A packet counts once per capture that missed it, however many captures show it.
    const countedIn = ctx.captures.map(() => 0);
    let generation = 0;
    function consider(mac: Mac | undefined, s: Sighting): void {
      if (mac === undefined || isMulticastMac(mac)) return;
      const index = byMac.get(mac);
      if (index === undefined || sawVip[index] || countedIn[index] === generation) return;
      countedIn[index] = generation;
      const b = blind[index] ??= { confirmed: 0, confirmedEvidence: [], confirmedWitnesses: new Set(), pending: [] };
      const ip = s.frame.ip!, l4 = s.frame.l4;
      const ports = l4 !== undefined && (l4.kind === 'tcp' || l4.kind === 'udp') ? l4 : undefined;
      const toVip = ctx.topology.isVip(ip.dst);
      const missed = {
        t: alignedT(s), ref: { capture: s.capture, frame: s.frame },
        ...(toVip ? { vip: ip.dst, peer: ip.src, port: ports?.dport } : { vip: ip.src, peer: ip.dst, port: ports?.sport }),
      };
      const near = nearFrames(ctx.captures[index]!, missed.t, false);
      if (near === true) {
        b.confirmed++;
        b.confirmedWitnesses.add(s.capture);
        if (b.confirmedEvidence.length < MAX_EVIDENCE) b.confirmedEvidence.push(missed);
      } else if (near === undefined && b.pending.length < MAX_PENDING) {
        b.pending.push(missed);
      }
    }

    return {
      packetExpired(sightings) {
        if (ctx.topology !== watchedFor) watch();
        if (open === 0) return;
        const ip = sightings[0]!.frame.ip;
        if (!ip || !(ctx.topology.isVip(ip.dst) || ctx.topology.isVip(ip.src))) return;
        for (const s of sightings) {
          if (sawVip[s.capture]) continue;
          sawVip[s.capture] = true;
          blind[s.capture] = undefined;
          if (isWatched(s.capture)) open--;
        }
        if (open === 0) return;
        // Every capture that has not seen this packet, although its host sent or received it.
        generation++;
        for (const s of sightings) {
          consider(dstMacOf(s), s);
          consider(srcMacOf(s), s);
        }
      },
      end() {
        for (const c of ctx.captures) {
          const b = blind[c.index];
          // An empty or unreadable capture is capture/empty's, or an input error.
          if (!b || sawVip[c.index] || c.stats.frames === 0 || c.failed) continue;
          const missed = [...b.confirmedEvidence, ...b.pending.filter((m) => nearFrames(c, m.t, true))];
          const count = b.confirmed + missed.length - b.confirmedEvidence.length;
          if (count < MIN_MISSED) continue;
          missed.sort((x, y) => x.t - y.t);
          const evidence = missed.slice(0, MAX_EVIDENCE).map((m) => m.ref);
          const vip = formatIp(missed[0]!.vip), client = formatIp(missed[0]!.peer), port = missed[0]!.port;
          const witnesses = [...new Set([...b.confirmedWitnesses, ...missed.map((m) => m.ref.capture)])].sort((x, y) => x - y).map((i) => basename(ctx.captures[i]!.file));
          const mac = macsCapturedBy(c)[0];
          const ownIp = c.host?.ips[0];
          ctx.report({
            messageId: 'missing', verdict: 'inconclusive',
            data: {
              file: basename(c.file), host: c.name, count, witnesses: witnesses.join(', '), verb: witnesses.length === 1 ? 's' : '',
              mac: mac === undefined ? '?' : formatMac(mac), example: ownIp === undefined ? '' : ` (such as host ${formatIp(ownIp)})`,
            },
            key: c.file,
            hosts: captureHostRefs(c),
            evidence,
            expected: `${basename(c.file)} holds the packets to or from ${vip} that ${witnesses.join(', ')} show${witnesses.length === 1 ? 's' : ''} sent to or by ${c.name}`,
            seen: `${c.stats.frames} frame(s) in ${basename(c.file)}, none to or from a VIP; ${count} such packet(s) elsewhere`,
            fix: `Capture on ${c.name} again, on the interface that carries the VIP's traffic (ip route get ${client}), with a filter on the VIP, not on its own address: ` +
              `tcpdump -i eth0 -U -w ${basename(c.file).replace(/\.(pcap|pcapng)(\.gz)?$/, '')}.pcap 'host ${vip}${port === undefined ? '' : ` or port ${port}`} or arp or vrrp'.`,
          });
        }
      },
    };
  },
});
