import { formatIp } from '../../decode/addresses.js';
import { srcMacOf } from '../../correlate/sighting.js';
import { wasAnswered } from '../../correlate/connections.js';
import { defineCheck } from '../check-api.js';
import { createScheduleLog, isNewConnection, serviceOf } from './new-connections.js';
import { clientGroupOf } from './persistence-mask.js';
import { hostRefOf } from '../host-ref.js';

export default defineCheck({
  meta: {
    id: 'sched/persistence-broken',
    title: 'A persistent client was sent to another real server inside the persistence window',
    severity: 'warning',
    summary: 'Fires when, for a service with persistence (-p, netmask -M), a new connection from the same client (network) reaches a different real server within the timeout, while the first server kept answering and the same director scheduled both.',
    why: 'Persistence pins a client to one real server for the timeout (session state, TLS session caches, shopping carts). A change inside the window means the persistence template was lost (connection-template timeout shorter than believed, a director restart, templates not synced) or the configuration differs.',
    fix: 'Check `ipvsadm -Ln` on the director for "persistent N" and the netmask; `ipvsadm -Lnc` shows the templates (IP 0 port entries); sync connections between directors (lvs_sync_daemon).',
    docs: 'docs/checks/sched/persistence-broken.md',
    messages: {
      broken: '{{client}} was sent to {{second}} {{after}} s after being sent to {{first}}, inside the {{timeout}} s persistence window of {{service}}.',
    },
  },
  create(ctx) {
    const log = createScheduleLog(ctx.captures, () => ctx.topology);
    return {
      connection(c) {
        const service = serviceOf(ctx.config.services, c);
        if (service?.persistence && isNewConnection(c)) log.add(service, c);
      },
      end() {
        for (const [service, list] of log.all()) {
          const p = service.persistence!;
          const last = new Map<string, (typeof list)[number]>();
          for (const e of list) {
            const group = clientGroupOf(e.connection.clientIp, p.netmask);
            const prev = last.get(group);
            last.set(group, e);
            if (!prev || prev.server === e.server || e.t - prev.t > p.timeoutSeconds) continue;
            // A server that stopped answering may legitimately lose its clients.
            if (!wasAnswered(prev.connection) || prev.connection.replyKinds.has('rst')) continue;
            const d1 = prev.connection.firstRequest.map(srcMacOf).find((m) => ctx.topology.isDirectorMac(m));
            const d2 = e.connection.firstRequest.map(srcMacOf).find((m) => ctx.topology.isDirectorMac(m));
            if (d1 !== undefined && d2 !== undefined && d1 !== d2) continue;
            const svc = `${formatIp(service.vip)}:${service.port}/${service.protocol}`;
            const director = ctx.topology.hostByMac(d2 ?? d1) ?? ctx.topology.directors[0];
            ctx.report({
              messageId: 'broken',
              data: { client: formatIp(e.connection.clientIp), first: prev.server, second: e.server, after: (e.t - prev.t).toFixed(1), timeout: p.timeoutSeconds, service: svc },
              key: `${svc}|${group}`,
              hosts: director ? [hostRefOf(director)] : [],
              evidence: [prev.connection.firstRequest[0]!, e.connection.firstRequest[0]!].map((s) => ({ capture: s.capture, frame: s.frame })),
              expected: `${formatIp(e.connection.clientIp)} stays on ${prev.server} for ${p.timeoutSeconds} s`,
              seen: `moved to ${e.server} after ${(e.t - prev.t).toFixed(1)} s`,
              connection: e.connection,
            });
          }
        }
      },
    };
  },
});
