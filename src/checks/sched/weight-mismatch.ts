import { formatIp } from '../../decode/addresses.js';
import { defineCheck } from '../check-api.js';
import { createScheduleLog, isNewConnection, serviceOf } from './new-connections.js';
import { conformsToScheduler, expectedShares, replayAffordable, type Destination } from './wrr-replay.js';
import { hostRefOf } from '../host-ref.js';

export default defineCheck({
  meta: {
    id: 'sched/weight-mismatch',
    title: 'New connections are not spread as the scheduler and weights say',
    severity: 'warning',
    summary: 'Fires when the real servers\' share of new connections contradicts the configured scheduler and weights: for rr and wrr no destination order and starting phase of the kernel\'s algorithm reproduces the observed sequence; for other schedulers a share is outside a 3-sigma band.',
    why: 'A distribution that does not follow the configuration means the director runs another configuration than the one you think (a different ipvsadm table, keepalived weights changed by health checks or inhibit_on_failure, another director serving), or clients bypass it.',
    fix: 'Compare `ipvsadm -Ln` on the active director with the configuration given here; check keepalived\'s health-check state and weights (ipvsadm -Ln --stats); make sure only one director is active.',
    docs: 'docs/checks/sched/weight-mismatch.md',
    messages: {
      mismatch: 'New connections to {{service}} went {{observed}}, which {{scheduler}} with weights {{weights}} cannot produce (expected about {{expected}}).',
    },
  },
  create(ctx) {
    const log = createScheduleLog(ctx.captures, () => ctx.topology, 'first');
    return {
      connection(c) {
        const service = serviceOf(ctx.config.services, c);
        if (service && isNewConnection(c)) log.add(service, c);
      },
      end() {
        for (const [service, list] of log.all()) {
          const configured = new Set(service.realServers.map((r) => formatIp(r.ip)));
          // Unknown servers are sched/unknown-real-server's; persistence reuses templates.
          if (list.length === 0 || list.some((e) => !configured.has(e.server))) continue;
          let scheduled = list;
          if (service.persistence) {
            const seen = new Set<string>();
            scheduled = list.filter((e) => { const k = String(e.connection.clientIp); if (seen.has(k)) return false; seen.add(k); return true; });
          }
          const dests: Destination[] = service.realServers.map((r) => ({ id: formatIp(r.ip), weight: r.weight ?? 1 }));
          const observed = scheduled.map((e) => e.server);
          const scheduler = (service.scheduler ?? 'wlc').toLowerCase();
          let conforms: boolean;
          const byOrder = [...service.realServers].sort((a, b) => (a.order ?? 0) - (b.order ?? 0)).map((r) => dests.find((d) => d.id === formatIp(r.ip))!);
          const known = service.orderBasis === 'added' ? byOrder.reverse() : service.orderBasis === 'kernel' ? byOrder : undefined;
          if ((scheduler === 'rr' || scheduler === 'wrr') && replayAffordable(scheduler, dests, false)) {
            conforms = conformsToScheduler(scheduler, dests, observed, known) || (known !== undefined && conformsToScheduler(scheduler, dests, observed));
          } else if ((scheduler === 'rr' || scheduler === 'wrr') && known !== undefined && replayAffordable(scheduler, dests, true)) {
            conforms = conformsToScheduler(scheduler, dests, observed, known);
          } else {
            // Other schedulers (and rr/wrr with too many phases to replay): shares within a 3-sigma band.
            if (observed.length < 20) continue;
            const expected = expectedShares(dests, observed.length);
            conforms = dests.every((d) => {
              const o = observed.filter((x) => x === d.id).length, e = expected.get(d.id) ?? 0;
              return Math.abs(o - e) <= 3 * Math.sqrt(Math.max(e, 1)) + 2;
            });
          }
          if (conforms) continue;
          const counts = dests.map((d) => `${d.id} ×${observed.filter((x) => x === d.id).length}`).join(', ');
          const expected = expectedShares(dests, observed.length);
          const expectedText = dests.map((d) => `${d.id} ×${(expected.get(d.id) ?? 0).toFixed(1)}`).join(', ');
          const svc = `${formatIp(service.vip)}:${service.port}/${service.protocol}`;
          const director = ctx.topology.directors[0];
          ctx.report({
            messageId: 'mismatch',
            data: { service: svc, observed: counts, scheduler, weights: dests.map((d) => d.weight).join(':'), expected: expectedText },
            key: svc,
            hosts: director ? [hostRefOf(director)] : [],
            evidence: scheduled.slice(0, 12).map((e) => e.connection.firstRequest[0]!).map((s) => ({ capture: s.capture, frame: s.frame })),
            expected: `${scheduler} over ${dests.map((d) => `${d.id} (w${d.weight})`).join(', ')}: ${expectedText}`,
            seen: `sequence ${observed.slice(0, 24).join(' ')}${observed.length > 24 ? ' …' : ''} (${counts})`,
          });
        }
      },
    };
  },
});
