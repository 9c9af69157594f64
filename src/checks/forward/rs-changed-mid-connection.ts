import { formatIp } from '../../decode/addresses.js';
import { defineCheck } from '../check-api.js';
import { isOnePacket, serviceOf } from '../sched/new-connections.js';

export default defineCheck({
  meta: {
    id: 'forward/rs-changed-mid-connection',
    title: 'Packets of one connection went to two real servers',
    severity: 'error',
    summary: 'Fires when the director forwards packets of one client connection to more than one real server.',
    why: 'IPVS keeps a connection entry so every packet of a connection reaches the same real server. A switch mid-connection means the entry was lost and the packet rescheduled (sloppy_tcp on a director without the connection, failover without sync, expire_nodest_conn), and the new server answers with RST.',
    fix: 'Sync connections between directors (keepalived lvs_sync_daemon / ipvsadm --start-daemon), leave net.ipv4.vs.sloppy_tcp at 0 unless every director has the entries, and avoid removing real servers under load without draining them (weight 0 first).',
    docs: 'docs/checks/forward/rs-changed-mid-connection.md',
    messages: {
      changed: 'Connection {{connection}} was forwarded to {{servers}}.',
      udpUnconfigured: 'Datagrams of {{connection}} were forwarded to {{servers}}: by design with one-packet scheduling (ipvsadm --ops), otherwise the director lost the connection entry; no configuration says which.',
    },
  },
  create(ctx) {
    return {
      connection(c) {
        if (c.realServerMacs.length < 2) return;
        const service = serviceOf(ctx.config.services, c);
        // Every datagram is scheduled on its own: spreading them is what was asked for.
        if (service !== undefined && isOnePacket(service)) return;
        // UDP with no configuration for its service: --ops cannot be ruled out.
        const undecided = c.protocol === 'udp' && service === undefined;
        const servers = c.realServerMacs.map((m) => ctx.topology.labelOfMac(m));
        // The director that sent the connection to a second real server is the one that lost it.
        const evidence = c.realServerSightings;
        const switching = evidence[1];
        const director = switching?.frame.link?.kind === 'ethernet' ? switching.frame.link.src : ctx.topology.directors[0]?.mac;
        ctx.report({
          messageId: undecided ? 'udpUnconfigured' : 'changed',
          ...(undecided ? { verdict: 'inconclusive' as const } : {}),
          data: { connection: `${formatIp(c.clientIp)}:${c.clientPort} → ${formatIp(c.vip)}:${c.vport}`, servers: servers.join(' and then ') },
          key: String(director ?? 'director'),
          hosts: director !== undefined ? [{ mac: director }] : [],
          evidence: evidence.slice(0, 10).map((s) => ({ capture: s.capture, frame: s.frame })),
          expected: undecided
            ? 'every datagram of the client\'s socket goes to one real server, unless the service schedules each datagram (--ops): give --ipvsadm or --keepalived to tell'
            : 'every packet of the connection goes to one real server',
          seen: `forwarded to ${servers.join(', ')}`,
          connection: c,
        });
      },
    };
  },
});
