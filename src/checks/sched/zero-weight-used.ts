import { formatIp } from '../../decode/addresses.js';
import { defineCheck } from '../check-api.js';
import { createScheduleLog, isNewConnection, serviceOf } from './new-connections.js';

export default defineCheck({
  meta: {
    id: 'sched/zero-weight-used',
    title: 'A real server with weight 0 receives new connections',
    severity: 'warning',
    summary: 'Fires when a real server configured with weight 0 gets new (non-persistent) connections.',
    why: 'Weight 0 takes a real server out of scheduling (rr and wrr skip it) while its existing connections finish: the usual way to drain a server. New connections reaching it mean the director does not run that configuration.',
    fix: 'Check the weight on the active director (ipvsadm -Ln) and whether keepalived or a script reset it; ipvsadm -e -t VIP:PORT -r RIP:PORT -w 0 sets it.',
    docs: 'docs/checks/sched/zero-weight-used.md',
    messages: {
      used: '{{server}} has weight 0 for {{service}} but receives new connections.',
    },
  },
  create(ctx) {
    const log = createScheduleLog(ctx.captures, () => ctx.topology, 'none');
    return {
      connection(c) {
        const service = serviceOf(ctx.config.services, c);
        if (!service || service.persistence || !isNewConnection(c)) return;
        const entry = log.add(service, c);
        if (!entry || entry.serverIp === undefined) return;
        const rs = service.realServers.find((r) => r.ip === entry.serverIp);
        if (!rs || (rs.weight ?? 1) !== 0) return;
        const svc = `${formatIp(service.vip)}:${service.port}/${service.protocol}`;
        const first = c.firstRequest[0]!;
        ctx.report({
          messageId: 'used', data: { server: entry.server, service: svc },
          key: `${entry.server}|${svc}`,
          hosts: [{ ip: entry.serverIp }],
          evidence: [{ capture: first.capture, frame: first.frame }],
          expected: `no new connections to ${entry.server} (weight 0)`, seen: `new connection from ${formatIp(c.clientIp)}:${c.clientPort}`,
          connection: c,
        });
      },
    };
  },
});
