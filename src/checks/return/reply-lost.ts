import { formatIp, formatMac, type Mac } from '../../decode/addresses.js';
import type { Connection } from '../../correlate/connections.js';
import { dstMacOf, srcMacOf, type Sighting } from '../../correlate/sighting.js';
import { defineCheck, type CaptureView } from '../check-api.js';
import { isOutbound } from '../vantage.js';
import { hostRefOf } from '../host-ref.js';

const MAX_EVIDENCE = 4;

function isClientSide(c: CaptureView): boolean {
  return c.role === 'client' || c.role === 'router';
}

/**
 * A client-side capture that must have seen the replies, and saw the requests: the capture of
 * the router the real server addressed its reply to, else the client's own capture.
 */
function witnessOf(c: Connection, captures: readonly CaptureView[], replyDstMac: Mac | undefined): CaptureView | undefined {
  const requests = [...c.firstRequest, ...c.requests];
  const router = requests.find((s) => {
    const cap = captures[s.capture]!;
    return cap.role === 'router' && cap.hostMac !== undefined && cap.hostMac === replyDstMac;
  });
  if (router) return captures[router.capture];
  const client = requests.find((s) => {
    const cap = captures[s.capture]!;
    return cap.role === 'client' && (cap.host?.ips.includes(c.clientIp) ?? false);
  });
  return client ? captures[client.capture] : undefined;
}

export default defineCheck({
  meta: {
    id: 'return/reply-lost',
    title: 'A real server\'s replies never reach the client side',
    severity: 'error',
    summary: 'Fires when a real server\'s capture shows it answering a connection from the VIP, and the client\'s capture (or that of the router the reply was addressed to), which saw the connection\'s requests, shows none of its replies.',
    why: 'In DR the real server answers with the VIP as source address and its own MAC. Whatever checks source addresses between it and the router drops those replies: cloud and SDN anti-spoofing (OpenStack port security, AWS source/destination check) when the VIP is not an allowed address of the real servers\' ports, an anti-spoofing firewall rule, a switch ACL. The director and the real servers look healthy; the clients time out.',
    fix: 'Allow the VIP as a source address of the real servers\' ports (OpenStack: allowed_address_pairs with the VIP; AWS: disable the source/destination check) or remove the filter between the real servers and the router, then check that the router receives replies from the VIP with the real servers\' MACs.',
    docs: 'docs/checks/return/reply-lost.md',
    messages: {
      lost: 'Replies from {{host}} to {{client}}:{{cport}} (source {{vip}}:{{vport}}) never reach {{witness}}.',
    },
  },
  after: ['return/via-director'],
  create(ctx) {
    return {
      connection(c) {
        if (ctx.isExplained(c.key)) return;
        let sent: Sighting | undefined;
        for (const r of c.replies) {
          const cap = ctx.captures[r.capture]!;
          if (isClientSide(cap)) return; // some reply arrived
          if (sent === undefined && cap.role === 'real-server' && r.frame.ip?.src === c.vip && isOutbound(r, cap)) sent = r;
        }
        if (!sent) return;
        const witness = witnessOf(c, ctx.captures, dstMacOf(sent));
        if (!witness) return;
        const rsMac = srcMacOf(sent);
        const rsCapture = ctx.captures[sent.capture]!;
        const host = ctx.topology.hostByMac(rsMac) ?? rsCapture.host;
        const sentAll = c.replies.filter((r) => r.capture === sent!.capture).slice(0, MAX_EVIDENCE);
        const requests = [...c.firstRequest, ...c.requests].filter((s) => s.capture === witness.index).slice(0, MAX_EVIDENCE);
        const to = dstMacOf(sent);
        ctx.report({
          messageId: 'lost',
          data: { host: host?.name ?? rsCapture.name, client: formatIp(c.clientIp), cport: c.clientPort, vip: formatIp(c.vip), vport: c.vport, witness: witness.name },
          key: host?.name ?? rsCapture.name,
          hosts: [host ? hostRefOf(host) : { ...(rsMac !== undefined ? { mac: rsMac } : {}) }],
          evidence: [...sentAll, ...requests].map((s) => ({ capture: s.capture, frame: s.frame })),
          expected: witness.role === 'router' && to !== undefined
            ? `the replies sent to ${formatMac(to)} arrive at ${witness.name}, which forwarded the requests`
            : `the replies reach ${witness.name}, which sent the requests`,
          seen: `${sentAll.length} repl${sentAll.length === 1 ? 'y' : 'ies'} leaving ${rsCapture.name} from ${formatIp(c.vip)}; none at ${witness.name}`,
          connection: c,
        });
      },
    };
  },
});
