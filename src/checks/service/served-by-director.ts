import { formatIp, formatMac, type Mac } from '../../decode/addresses.js';
import type { Connection } from '../../correlate/connections.js';
import { servingDirectorOf } from '../../correlate/local-node.js';
import { srcMacOf } from '../../correlate/sighting.js';
import type { EvidenceRef } from '../check-api.js';
import { defineCheck } from '../check-api.js';

/** Fewer connections than this say too little about where a service's traffic goes. */
const MIN_CONNECTIONS = 3;
const EVIDENCE = 8;

type ServiceTally = {
  readonly vip: Connection['vip'];
  readonly vport: number;
  readonly protocol: Connection['protocol'];
  local: number;
  forwarded: number;
  director: Mac | undefined;
  readonly evidence: EvidenceRef[];
};

export default defineCheck({
  meta: {
    id: 'service/served-by-director',
    title: 'The director answers every connection of a service itself',
    severity: 'warning',
    summary: 'Fires when every connection to a VIP service port (at least 3) is answered by the director itself and none is forwarded to a real server, and no configuration says that service exists.',
    why: 'A director that answers from the VIP with its own MAC and an initial TTL serves the connection on its own stack. With no IPVS virtual service for the port (rules lost at a reboot, keepalived not running or its virtual_server rejected) and a server of its own listening on it, everything looks fine to clients while the real servers get nothing: no balancing, no failover, and the director carries the whole load. The same traffic comes from a director that is the only real server of its own service (LocalNode), which captures cannot tell apart.',
    fix: 'On the director: ipvsadm -Ln must list the virtual service with the real servers; restore it (ipvsadm-restore < /etc/ipvsadm.rules, or start keepalived and check its log for the virtual_server). If the director is meant to be the only server (LocalNode), nothing is wrong.',
    docs: 'docs/checks/service/served-by-director.md',
    messages: {
      servedLocally: 'Every connection to {{service}} ({{count}}) was answered by {{director}} itself; none went to a real server.',
    },
  },
  create(ctx) {
    const tallies = new Map<string, ServiceTally>();
    const tallyOf = (c: Connection): ServiceTally | undefined => {
      const key = `${formatIp(c.vip)}|${c.vport}|${c.protocol}`;
      let t = tallies.get(key);
      if (!t && tallies.size < 1024) tallies.set(key, (t = { vip: c.vip, vport: c.vport, protocol: c.protocol, local: 0, forwarded: 0, director: undefined, evidence: [] }));
      return t;
    };
    return {
      connection(c) {
        if (c.protocol === 'tcp' && !c.startedWithSyn) return;
        const tally = tallyOf(c);
        if (!tally) return;
        const topology = ctx.topology;
        const director = servingDirectorOf(c, topology);
        if (director !== undefined) {
          tally.local++;
          tally.director ??= director;
          const reply = c.replies.find((r) => srcMacOf(r) === director);
          for (const s of [c.firstRequest[0], reply]) if (s && tally.evidence.length < EVIDENCE) tally.evidence.push({ capture: s.capture, frame: s.frame });
        } else if (c.realServerMacs.length > 0 || c.tunnelledTo !== undefined || c.replies.some((r) => topology.isRealServerMac(srcMacOf(r)))) {
          tally.forwarded++;
        }
      },
      end() {
        // VIPs with a port the director balances: a port of theirs it serves itself (ssh to the
        // active director, a status page) is its own service, not a lost virtual service.
        const balanced = new Set([...tallies.values()].filter((t) => t.forwarded > 0).map((t) => t.vip));
        for (const t of tallies.values()) {
          if (t.local < MIN_CONNECTIONS || t.forwarded > 0 || t.director === undefined || balanced.has(t.vip)) continue;
          // A configured service says what the director should do: the sched/* checks compare with it.
          if (ctx.config.services.some((s) => s.vip === t.vip && s.port === t.vport && s.protocol === t.protocol)) continue;
          const service = `${formatIp(t.vip)}:${t.vport}/${t.protocol}`;
          const label = ctx.topology.labelOfMac(t.director);
          ctx.report({
            messageId: 'servedLocally',
            data: { service, count: t.local, director: label },
            key: `${t.director}|${service}`,
            hosts: [{ mac: t.director }],
            evidence: t.evidence,
            expected: `connections to ${service} forwarded to the real servers`,
            seen: `${t.local} of ${t.local} connections answered from the VIP by ${formatMac(t.director)} with an initial TTL (its own stack)`,
          });
        }
      },
    };
  },
});
