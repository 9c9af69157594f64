import { formatIp, type IpAddress, type Mac } from '../../decode/addresses.js';
import { wasAnswered, type Connection } from '../../correlate/connections.js';
import { srcMacOf, type Sighting } from '../../correlate/sighting.js';
import type { HostInfo } from '../../correlate/topology.js';
import { defineCheck } from '../check-api.js';
import { isInbound } from '../vantage.js';

const TCP_SYN = 0x02, TCP_RST = 0x04, TCP_ACK = 0x10;

/** A director's TCP probes of one real-server address and port (keepalived TCP_CHECK, HTTP_GET…). */
type Probes = { readonly rip: IpAddress; readonly port: number; passed: number; syn?: Sighting; synAck?: Sighting };
/** VIP connections a real server failed, per service port. */
type Failures = { count: number; refused: number; readonly vip: IpAddress; readonly first: Connection; readonly evidence: Sighting };

const probeKey = (rip: IpAddress, port: number) => `${rip}|${port}`;

export default defineCheck({
  meta: {
    id: 'service/health-check-blind',
    title: 'The director\'s health check passes on a real server that fails VIP connections',
    severity: 'warning',
    summary: 'Fires when a director\'s TCP connections to a real server\'s own address and the service port succeed (a health check: keepalived TCP_CHECK, HTTP_GET, ldirectord) while VIP connections forwarded to that real server on the same port are refused or go unanswered there.',
    why: 'A health check that connects to RIP:port tests a socket the clients never use: they connect to VIP:port. A service bound to the RIP only, a VIP missing from lo, or a firewall rule for the VIP leaves the check green, so keepalived keeps the real server in the table and every connection scheduled to it fails, for as long as the fault lasts.',
    fix: 'Make the check fail when the VIP service does: let the service listen on 0.0.0.0 (or on both the RIP and the VIP), so that the socket the check reaches is the one the clients reach; for faults a check from the director cannot reach (VIP missing from lo, a firewall rule for the VIP), add one that asks the real server itself (keepalived MISC_CHECK with a script that has an agent or ssh on the real server connect to VIP:port locally). Then fix the real server (see service/refused-by-rs or service/unanswered-at-rs).',
    docs: 'docs/checks/service/health-check-blind.md',
    messages: {
      blind: '{{director}} checks {{rs}} on {{rip}}:{{port}} and the check passes ({{passed}}×), while {{failed}} VIP connection(s) to {{vip}}:{{port}} forwarded to {{rs}} failed ({{how}}): the check tests the RIP, the clients use the VIP, so {{rs}} stays in rotation.',
    },
  },
  sightingKinds: ['tcp'],
  create(ctx) {
    const probes = new Map<string, Probes>();
    const failuresByRs = new Map<Mac, Map<number, Failures>>();
    const directorIps = new Set<IpAddress>(ctx.topology.directors.flatMap((d) => d.ips));
    const rsByIp = new Map<IpAddress, HostInfo>();
    for (const rs of ctx.topology.realServers) for (const ip of rs.ips) rsByIp.set(ip, rs);

    /** How the real server with `mac` failed the connection, if it did. */
    function failureOf(c: Connection, mac: Mac): 'refused' | 'unanswered' | undefined {
      // A RST from the VIP with that server's MAC; or, seen only behind the router, one the
      // director did not send for a connection it gave to that server alone.
      const refusal = (r: Sighting) => {
        const l4 = r.frame.l4, from = srcMacOf(r);
        if (l4?.kind !== 'tcp' || (l4.flags & TCP_RST) === 0 || r.frame.ip?.src !== c.vip) return false;
        return from === mac || (!ctx.topology.isDirectorMac(from) && !ctx.topology.isRealServerMac(from) && c.realServerMacs.length === 1);
      };
      if (!c.replyKinds.has('syn-ack') && c.replies.some(refusal)) return 'refused';
      if (wasAnswered(c)) return undefined;
      // Unanswered counts only where the real server's own capture shows the request arriving.
      const arrived = [...c.firstRequest, ...c.requests].some((s) => {
        const cap = ctx.captures[s.capture]!;
        return cap.role === 'real-server' && cap.hostMac === mac && isInbound(s, cap);
      });
      return arrived ? 'unanswered' : undefined;
    }

    return {
      sighting(s, earlier) {
        // Only handshakes matter: most frames leave at the first test.
        const l4 = s.frame.l4;
        if (l4?.kind !== 'tcp' || (l4.flags & TCP_SYN) === 0 || earlier.length > 0 || directorIps.size === 0) return;
        const ip = s.frame.ip;
        if (!ip) return;
        const flags = l4.flags & (TCP_SYN | TCP_ACK | TCP_RST);
        if (flags === TCP_SYN && directorIps.has(ip.src) && rsByIp.has(ip.dst)) {
          const key = probeKey(ip.dst, l4.dport);
          let p = probes.get(key);
          if (!p) {
            if (probes.size >= 1024) return;
            probes.set(key, (p = { rip: ip.dst, port: l4.dport, passed: 0 }));
          }
          p.syn ??= s;
        } else if (flags === (TCP_SYN | TCP_ACK) && directorIps.has(ip.dst) && rsByIp.has(ip.src)) {
          const p = probes.get(probeKey(ip.src, l4.sport));
          if (!p) return;
          p.passed++;
          p.synAck ??= s;
        }
      },
      connection(c) {
        if (c.protocol !== 'tcp' || !c.startedWithSyn) return;
        const mac = c.realServerMacs[0];
        if (mac === undefined) return;
        const how = failureOf(c, mac);
        if (!how) return;
        let byPort = failuresByRs.get(mac);
        if (!byPort) failuresByRs.set(mac, (byPort = new Map()));
        const f = byPort.get(c.vport);
        if (!f) byPort.set(c.vport, { count: 1, refused: how === 'refused' ? 1 : 0, vip: c.vip, first: c, evidence: c.realServerSightings[0] ?? c.firstRequest[0]! });
        else { f.count++; if (how === 'refused') f.refused++; }
      },
      end() {
        for (const [mac, byPort] of failuresByRs) {
          const rs = ctx.topology.hostByMac(mac);
          if (!rs) continue;
          for (const [port, f] of byPort) {
            const passing = rs.ips.map((ip) => probes.get(probeKey(ip, port))).find((p) => p && p.passed > 0 && p.syn && p.synAck);
            if (!passing) continue;
            const director = ctx.topology.hostByIp(passing.syn!.frame.ip!.src);
            const directorName = director?.name ?? formatIp(passing.syn!.frame.ip!.src);
            const unanswered = f.count - f.refused;
            const how = [f.refused > 0 ? `${f.refused} refused` : '', unanswered > 0 ? `${unanswered} unanswered` : ''].filter(Boolean).join(', ');
            const rip = `${formatIp(passing.rip)}:${port}`, vip = `${formatIp(f.vip)}:${port}`;
            ctx.report({
              messageId: 'blind',
              data: { director: directorName, rs: rs.name, rip: formatIp(passing.rip), port, passed: passing.passed, failed: f.count, vip: formatIp(f.vip), how },
              key: `${mac}|${port}`,
              hosts: [{ mac, ...(rs.ips[0] !== undefined ? { ip: rs.ips[0] } : {}) }],
              evidence: [passing.syn!, passing.synAck!, ...f.first.firstRequest.slice(0, 1), f.evidence, ...f.first.replies.slice(0, 1)]
                .map((x) => ({ capture: x.capture, frame: x.frame })),
              expected: `connections to ${vip} forwarded to ${rs.name} succeed as the health check of ${rip} does, or the check fails`,
              seen: `the check of ${rip} passed ${passing.passed}×; ${f.count} VIP connection(s) to ${rs.name} failed (${how})`,
              connection: f.first,
            });
          }
        }
      },
    };
  },
});
