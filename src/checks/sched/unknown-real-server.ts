import { formatIp, formatMac, type IpAddress } from '../../decode/addresses.js';
import type { Connection } from '../../correlate/connections.js';
import type { ConfiguredService } from '../../correlate/infer-topology.js';
import { defineCheck } from '../check-api.js';
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
    /** A tunnelled connection whose real server is known by its address alone. */
    const reportTunnelTarget = (c: Connection, service: ConfiguredService, ip: IpAddress) => {
      if (service.realServers.some((r) => r.ip === ip)) return;
      const svc = `${formatIp(service.vip)}:${service.port}/${service.protocol}`;
      const first = c.firstRequest.find((s) => s.frame.tunnel?.dst === ip) ?? c.firstRequest[0]!;
      const server = ctx.topology.hostByIp(ip)?.name ?? formatIp(ip);
      ctx.report({
        messageId: 'unknown',
        data: { service: svc, server, configured: service.realServers.map((r) => formatIp(r.ip)).join(', ') },
        key: `${formatIp(ip)}|${svc}`,
        hosts: [{ ip }],
        evidence: [{ capture: first.capture, frame: first.frame }],
        expected: `one of ${service.realServers.map((r) => formatIp(r.ip)).join(', ')}`, seen: server,
        connection: c,
      });
    };
    return {
      connection(c) {
        const service = serviceOf(ctx.config.services, c);
        if (!service) return;
        const mac = realServerOf(c, ctx.captures, ctx.topology);
        if (mac === undefined) {
          if (c.tunnelledTo !== undefined) reportTunnelTarget(c, service, c.tunnelledTo);
          return;
        }
        const host = ctx.topology.hostByMac(mac);
        if (host?.ips.some((ip) => service.realServers.some((r) => r.ip === ip))) return;
        // A director serving connections itself is configured as DIP or as 127.0.0.1 (LocalNode).
        if (ctx.topology.isDirectorMac(mac) && localNodeServer(service.realServers, host?.ips ?? []) !== undefined) return;
        const ip = host?.ips[0];
        const server = ip !== undefined ? `${host!.name} (${formatIp(ip)})` : formatMac(mac);
        const svc = `${formatIp(service.vip)}:${service.port}/${service.protocol}`;
        const first = c.firstRequest.find((s) => s.frame.link?.kind === 'ethernet' && s.frame.link.dst === mac) ?? c.firstRequest[0]!;
        ctx.report({
          messageId: ctx.topology.isDirectorMac(mac) ? 'servedByDirector' : 'unknown',
          data: { service: svc, server, configured: service.realServers.map((r) => formatIp(r.ip)).join(', ') },
          key: `${mac}|${svc}`,
          hosts: [{ mac, ...(ip !== undefined ? { ip } : {}) }],
          evidence: [{ capture: first.capture, frame: first.frame }],
          expected: `one of ${service.realServers.map((r) => formatIp(r.ip)).join(', ')}`, seen: server,
          connection: c,
        });
      },
    };
  },
});
