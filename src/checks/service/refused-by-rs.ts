import { formatIp, formatMac } from '../../decode/addresses.js';
import { srcMacOf, type Sighting } from '../../correlate/sighting.js';
import { defineCheck } from '../check-api.js';
import { configuredPortOf } from '../configured-port.js';
import { isOutbound } from '../vantage.js';

const TCP_RST = 0x04;

export default defineCheck({
  meta: {
    id: 'service/refused-by-rs',
    title: 'A real server refuses VIP connections',
    severity: 'error',
    summary: 'Fires when a real server answers a VIP connection attempt with a TCP RST (for UDP: ICMP port unreachable) sourced from the VIP, or resets a connection it never accepted (a mid-stream packet rescheduled to it).',
    why: 'The director forwarded the connection, but nothing listens on VIP:port on the real server: the service is down, bound to the RIP or 127.0.0.1 only, or listens on another port (a port map DR cannot do). Health checks to RIP:port may still pass, so the server stays in rotation.',
    fix: 'Make the service listen on the VIP (or 0.0.0.0 / ::) and the virtual port on that real server (ss -ltnp), or remove it from the service until it does (ipvsadm -d). A health check of RIP:port can pass meanwhile (service/health-check-blind).',
    docs: 'docs/checks/service/refused-by-rs.md',
    messages: {
      refused: '{{host}} refuses connections to {{vip}}:{{vport}} ({{how}}).',
      unattributed: 'A connection to {{vip}}:{{vport}} was refused, but no capture shows which host sent the refusal.',
    },
  },
  create(ctx) {
    function refusalOf(r: Sighting, vip: number | string): boolean {
      const ip = r.frame.ip, l4 = r.frame.l4;
      if (!ip || !l4) return false;
      if (l4.kind === 'tcp') return ip.src === vip && (l4.flags & TCP_RST) !== 0;
      if (l4.kind === 'icmp') return l4.type === 3 && l4.code === 3;
      if (l4.kind === 'icmpv6') return l4.type === 1 && l4.code === 4;
      return false;
    }
    return {
      connection(c) {
        // A refusal counts unless it comes from the real server that accepted the connection
        // (a server closing its own connection): a mid-stream packet rescheduled to another real
        // server (sloppy_tcp after a failover) is refused by that one.
        const serving = new Set(c.replies.filter((r) => {
          const l4 = r.frame.l4;
          return l4?.kind === 'tcp' && (l4.flags & 0x12) === 0x12;
        }).map(srcMacOf));
        if (c.protocol === 'tcp' && !c.startedWithSyn && serving.size === 0) return;
        const refusals = c.replies.filter((r) => refusalOf(r, c.vip) && !serving.has(srcMacOf(r)));
        if (refusals.length === 0) return;
        // Attribute by the sender: a real server's MAC on the LAN, or the RS's own capture.
        const fromRs = refusals.find((r) => ctx.topology.isRealServerMac(srcMacOf(r)) ||
          (ctx.captures[r.capture]!.role === 'real-server' && isOutbound(r, ctx.captures[r.capture]!)));
        if (refusals.some((r) => ctx.topology.isDirectorMac(srcMacOf(r))) && !fromRs) return;
        ctx.explain(c.key);
        const how = c.protocol === 'tcp' ? 'TCP RST' : 'ICMP port unreachable';
        const evidence = [...c.firstRequest.slice(0, 5), ...refusals.slice(0, 5)].map((x) => ({ capture: x.capture, frame: x.frame }));
        if (!fromRs) {
          // A port the table leaves closed: whoever refused it, nothing is wrong.
          if (configuredPortOf(ctx.config, c.vip, c.protocol, c.vport) === 'not-configured') return;
          ctx.report({
            messageId: 'unattributed', data: { vip: formatIp(c.vip), vport: c.vport }, verdict: 'inconclusive', key: 'unattributed',
            hosts: [], evidence,
            expected: 'a capture on the LAN side (router, director or real servers) to see who sent the refusal',
            seen: `${how} from ${formatIp(c.vip)} seen only where the sender's MAC is hidden`, connection: c,
          });
          return;
        }
        const mac = srcMacOf(fromRs) ?? ctx.captures[fromRs.capture]!.hostMac;
        const host = ctx.topology.hostByMac(mac) ?? ctx.captures[fromRs.capture]!.host;
        ctx.report({
          messageId: 'refused',
          data: { host: host?.name ?? (mac !== undefined ? formatMac(mac) : 'a real server'), vip: formatIp(c.vip), vport: c.vport, how },
          key: String(mac ?? host?.name),
          hosts: [mac !== undefined ? { mac } : { ...(host?.ips[0] !== undefined ? { ip: host.ips[0] } : {}) }],
          evidence,
          expected: `a ${c.protocol === 'tcp' ? 'SYN-ACK' : 'reply'} from ${formatIp(c.vip)}:${c.vport}`,
          seen: `${how} from ${formatIp(c.vip)} sent by ${host?.name ?? 'a real server'}`,
          connection: c,
        });
      },
    };
  },
});
