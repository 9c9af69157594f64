import { formatIp } from '../../decode/addresses.js';
import type { ConfiguredService } from '../../correlate/infer-topology.js';
import { defineCheck, type CaptureView } from '../check-api.js';
import { createScheduleLog, isNewConnection, isOnePacket, serviceOf } from './new-connections.js';
import { conformsToScheduler, expectedShares, replayAffordable, type Destination } from './wrr-replay.js';
import { expectedSharesOf, shareModelOf, sharesConform } from './share-model.js';
import { hostRefOf } from '../host-ref.js';

/** Fewer connections (or clients) than this conform to any share within the band. */
const MIN_TO_JUDGE = 20;

/** The first connection of each client address: what persistence and source hashing schedule. */
function firstPerClient<T extends { readonly connection: { readonly clientIp: unknown } }>(list: readonly T[]): T[] {
  const seen = new Set<string>();
  return list.filter((e) => { const k = String(e.connection.clientIp); if (seen.has(k)) return false; seen.add(k); return true; });
}

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
      partial: '{{unplaced}} of {{total}} new connections to {{service}} went to a real server no capture shows: the distribution is not judged.',
      sorry: '{{count}} new connections to {{service}} went to its sorry server {{sorry}}: keepalived had taken every real server out of the table, which changed during the capture, so the distribution is not judged.',
      realServersOnly: 'Only real servers\' own captures ({{captured}}) show new connections to {{service}}: those scheduled to {{uncaptured}} would be in none, so the distribution is not judged.',
      onePacket: '{{service}} schedules every datagram on its own (one-packet scheduling, --ops): the spread of its new connections says nothing about the scheduler, and it is not judged.',
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
          const svc = `${formatIp(service.vip)}:${service.port}/${service.protocol}`;
          const director = ctx.topology.directors[0];
          // The sorry server stands in while no real server is in the table.
          const sorry = service.sorryServer;
          const toSorry = sorry === undefined ? [] : list.filter((e) => e.serverIp === sorry);
          if (toSorry.length > 0) {
            ctx.report({
              messageId: 'sorry', verdict: 'inconclusive', data: { count: toSorry.length, service: svc, sorry: formatIp(sorry!) }, key: svc,
              hosts: director ? [hostRefOf(director)] : [],
              evidence: toSorry.slice(0, 4).map((e) => e.connection.firstRequest[0]!).map((s) => ({ capture: s.capture, frame: s.frame })),
              expected: 'new connections spread over the real servers by the scheduler',
              seen: `${toSorry.length} of ${list.length} new connections on the sorry server ${formatIp(sorry!)}`,
            });
            continue;
          }
          // Unknown servers are sched/unknown-real-server's; persistence reuses templates.
          if (list.length === 0 || list.some((e) => !configured.has(e.server))) continue;
          // Each datagram was a scheduling decision; only a connection's first is in the log.
          if (isOnePacket(service)) {
            ctx.report({
              messageId: 'onePacket', verdict: 'inconclusive', data: { service: svc }, key: svc,
              hosts: director ? [hostRefOf(director)] : [],
              evidence: list.slice(0, 4).map((e) => e.connection.firstRequest[0]!).map((s) => ({ capture: s.capture, frame: s.frame })),
              expected: 'each datagram\'s real server, in order (one-packet scheduling decides per datagram)',
              seen: `inconclusive: ${list.length} client sockets, their datagrams scheduled one by one`,
            });
            continue;
          }
          // Real servers' captures alone show only their own connections: another server's
          // share would look like zero.
          const uncaptured = uncapturedServers(service, ctx.captures);
          if (uncaptured.length > 0) {
            const captured = ctx.captures.filter((c) => c.role === 'real-server').map((c) => c.name);
            ctx.report({
              messageId: 'realServersOnly', verdict: 'inconclusive',
              data: { captured: captured.join(', '), service: svc, uncaptured: uncaptured.join(', ') },
              key: svc,
              hosts: director ? [hostRefOf(director)] : [],
              evidence: list.slice(0, 4).map((e) => e.connection.firstRequest[0]!).map((s) => ({ capture: s.capture, frame: s.frame })),
              expected: 'a capture that sees every new connection of the service: the director\'s, the client side\'s, or every real server\'s',
              seen: `${list.length} new connections placed, all from real servers' own captures; no capture from ${uncaptured.join(', ')}`,
            });
            continue;
          }
          // A sequence with holes would look like another scheduler's: do not judge it.
          const gaps = log.unplacedOf(service);
          if (gaps) {
            ctx.report({
              messageId: 'partial', verdict: 'inconclusive',
              data: { unplaced: gaps.count, total: gaps.count + list.length, service: svc },
              key: svc,
              hosts: director ? [hostRefOf(director)] : [],
              evidence: gaps.examples.map((s) => ({ capture: s.capture, frame: s.frame })),
              expected: 'every new connection of the service placed on a real server (the director\'s capture, or every real server\'s)',
              seen: `${list.length} placed, ${gaps.count} seen only on the way (client or router side)`,
            });
            continue;
          }
          let scheduled = list;
          if (service.persistence) scheduled = firstPerClient(list);
          const dests: Destination[] = service.realServers.map((r) => ({ id: formatIp(r.ip), weight: r.weight ?? 1 }));
          const scheduler = (service.scheduler ?? 'wlc').toLowerCase();
          let conforms: boolean;
          let shares = expectedShares(dests, scheduled.length);
          const byOrder = [...service.realServers].sort((a, b) => (a.order ?? 0) - (b.order ?? 0)).map((r) => dests.find((d) => d.id === formatIp(r.ip))!);
          const known = service.orderBasis === 'added' ? byOrder.reverse() : service.orderBasis === 'kernel' ? byOrder : undefined;
          const replayed = scheduled.map((e) => e.server);
          if ((scheduler === 'rr' || scheduler === 'wrr') && replayAffordable(scheduler, dests, false)) {
            conforms = conformsToScheduler(scheduler, dests, replayed, known) || (known !== undefined && conformsToScheduler(scheduler, dests, replayed));
          } else if ((scheduler === 'rr' || scheduler === 'wrr') && known !== undefined && replayAffordable(scheduler, dests, true)) {
            conforms = conformsToScheduler(scheduler, dests, replayed, known);
          } else {
            // Other schedulers (and rr/wrr with too many phases to replay): the shares their
            // kernel code promises, within a 3-sigma band, once there are enough to judge.
            const model = shareModelOf(scheduler);
            if (model === 'none') continue;
            if (model === 'per-client') scheduled = firstPerClient(scheduled);
            if (scheduled.length < MIN_TO_JUDGE) continue;
            conforms = sharesConform(model, dests, scheduled.map((e) => e.server));
            shares = expectedSharesOf(model, dests, scheduled.length);
          }
          if (conforms) continue;
          const observed = scheduled.map((e) => e.server);
          const counts = dests.map((d) => `${d.id} ×${observed.filter((x) => x === d.id).length}`).join(', ');
          const expectedText = dests.map((d) => `${d.id} ×${(shares.get(d.id) ?? 0).toFixed(1)}`).join(', ');
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

/**
 * The configured real servers (weight > 0) whose connections no capture would show, when every
 * capture is a real server's own; empty when a capture sees every connection (the director's,
 * the client side's, or one of unknown role such as a switch's mirror port).
 */
function uncapturedServers(service: ConfiguredService, captures: readonly CaptureView[]): string[] {
  if (captures.some((c) => c.role !== 'real-server')) return [];
  const captured = new Set(captures.flatMap((c) => c.host?.ips ?? []).map(formatIp));
  return service.realServers.filter((r) => (r.weight ?? 1) > 0 && !captured.has(formatIp(r.ip))).map((r) => formatIp(r.ip));
}
