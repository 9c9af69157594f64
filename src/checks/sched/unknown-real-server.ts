import { formatIp, formatMac } from '../../decode/addresses.js';
import type { Connection } from '../../correlate/connections.js';
import type { Sighting } from '../../correlate/sighting.js';
import type { ConfiguredService } from '../../correlate/infer-topology.js';
import { defineCheck, type HostRef } from '../check-api.js';
import { realServerOf } from './realserver-of.js';
import { serviceOf } from './new-connections.js';
import { localNodeServer } from '../../correlate/local-node.js';

export default defineCheck({
  meta: {
    id: 'sched/unknown-real-server',
    title: 'The director forwards VIP traffic to a host that is not a configured real server',
    severity: 'error',
    summary: 'Fires when VIP traffic is forwarded to a MAC/IP that is not among the configured real servers of that virtual service.',
    why: 'The director sends clients to a host the configuration does not know: a stale ipvsadm table, another service\'s servers, a mistyped RIP, or a second director with another configuration.',
    fix: 'Compare `ipvsadm -Ln` on every director with the intended configuration; remove stray destinations (ipvsadm -d -t VIP:PORT -r IP:PORT).',
    docs: 'docs/checks/sched/unknown-real-server.md',
    messages: {
      unknown: 'Connections to {{service}} are forwarded to {{server}}, which is not a configured real server of it ({{configured}}).',
      servedByDirector: 'Connections to {{service}} are served by the director itself, {{server}}, which is not a configured real server of it ({{configured}}).',
    },
  },
  create(ctx) {
    /** The connection went to `server`, which `service` does not list; `id` tells such servers apart. */
    const report = (c: Connection, service: ConfiguredService, messageId: 'unknown' | 'servedByDirector', server: string, id: string, host: HostRef, first: Sighting) => {
      const svc = `${formatIp(service.vip)}:${service.port}/${service.protocol}`;
      const configured = service.realServers.map((r) => formatIp(r.ip)).join(', ');
      ctx.report({
        messageId,
        data: { service: svc, server, configured },
        key: `${id}|${svc}`,
        hosts: [host],
        evidence: [{ capture: first.capture, frame: first.frame }],
        expected: `one of ${configured}`, seen: server,
        connection: c,
      });
    };
    return {
      connection(c) {
        const service = serviceOf(ctx.config.services, c);
        if (!service) return;
        const mac = realServerOf(c, ctx.captures, ctx.topology);
        if (mac === undefined) {
          // Tunnelled to an address whose host no capture shows: the address names the server.
          const to = c.tunnelledTo;
          if (to === undefined || service.realServers.some((r) => r.ip === to) || to === service.sorryServer) return;
          const first = c.firstRequest.find((s) => s.frame.tunnel?.dst === to) ?? c.firstRequest[0]!;
          report(c, service, 'unknown', ctx.topology.hostByIp(to)?.name ?? formatIp(to), formatIp(to), { ip: to }, first);
          return;
        }
        const host = ctx.topology.hostByMac(mac);
        if (host?.ips.some((ip) => service.realServers.some((r) => r.ip === ip) || ip === service.sorryServer)) return;
        // A director serving connections itself is configured as DIP or as 127.0.0.1 (LocalNode).
        if (ctx.topology.isDirectorMac(mac) && localNodeServer(service.realServers, host?.ips ?? []) !== undefined) return;
        const ip = host?.ips[0];
        const server = ip !== undefined ? `${host!.name} (${formatIp(ip)})` : formatMac(mac);
        const first = c.firstRequest.find((s) => s.frame.link?.kind === 'ethernet' && s.frame.link.dst === mac) ?? c.firstRequest[0]!;
        report(c, service, ctx.topology.isDirectorMac(mac) ? 'servedByDirector' : 'unknown', server, String(mac), { mac, ...(ip !== undefined ? { ip } : {}) }, first);
      },
    };
  },
});
