import { formatIp, formatMac, type Mac } from '../../decode/addresses.js';
import type { Sighting } from '../../correlate/sighting.js';
import { defineCheck } from '../check-api.js';

export default defineCheck({
  meta: {
    id: 'arp/director-asks-as-vip',
    title: 'The director resolves a real server with the VIP as ARP sender',
    severity: 'error',
    summary: 'Fires when the director sends "who-has RIP tell VIP".',
    why: 'The real server holds the VIP on lo, so an ARP request whose sender is the VIP looks like a martian from one of its own addresses and is never answered. The director cannot learn the real server\'s MAC and every connection fails (ICMP host unreachable after a few seconds). It happens when the VIP is not a /32 and became the primary address of the interface facing the real servers, and for the director\'s own connections to the VIP (curl http://VIP/ on the director), whose source address is the VIP.',
    fix: 'Add the VIP as /32 (ip addr add VIP/32 dev eth0 label eth0:vip, or on lo) so the DIP stays the primary address of that subnet; keepalived defaults VIPs to /32.',
    docs: 'docs/checks/arp/director-asks-as-vip.md',
    messages: {
      asks: 'The director ({{mac}}) asks "who-has {{target}} tell {{vip}}": real servers never answer an ARP sent from the VIP.',
    },
  },
  sightingKinds: ['arp'],
  create(ctx) {
    /** Directors seen resolving a real server from another address: forwarding uses that one. */
    const asksFromOwnAddress = new Set<Mac>();
    /** VIP-sender requests per director, held until the cause is known (or the end). */
    const held = new Map<Mac, Sighting[]>();

    function release(mac: Mac, localClient: boolean): void {
      for (const s of held.get(mac) ?? []) report(s, localClient);
      held.delete(mac);
    }

    function report(s: Sighting, localClient: boolean): void {
      const a = s.frame.arp!;
      ctx.report({
        messageId: 'asks',
        data: { mac: formatMac(a.sha), target: formatIp(a.tpa), vip: formatIp(a.spa) },
        key: String(a.sha),
        hosts: [{ mac: a.sha }],
        evidence: [{ capture: s.capture, frame: s.frame }],
        expected: `who-has ${formatIp(a.tpa)} tell <DIP>`,
        seen: `who-has ${formatIp(a.tpa)} tell ${formatIp(a.spa)} (the VIP)` +
          (localClient ? '; the director also resolves real servers from another address, so this is its own traffic from the VIP' : ''),
        ...(localClient ? { fix: LOCAL_CLIENT_FIX } : {}),
      });
    }

    return {
      sighting(s) {
        const a = s.frame.arp;
        if (!a || a.op !== 1 || a.tpa === a.spa || !ctx.topology.isDirectorMac(a.sha)) return;
        // Resolving the gateway from the VIP happens when the director itself answers a client
        // from the VIP (an RST or ICMP); the router answers it. Only real servers never do.
        const target = ctx.topology.hostByIp(a.tpa);
        if (target && (target.role === 'router' || target.role === 'client')) return;
        if (!ctx.topology.isVip(a.spa)) {
          if (a.spa === 0 || target?.role !== 'real-server') return;
          // Forwarded traffic is resolved from this address: requests from the VIP are the
          // director's own connections to the VIP (ARP's sender is the packet's source).
          asksFromOwnAddress.add(a.sha);
          release(a.sha, true);
          return;
        }
        if (asksFromOwnAddress.has(a.sha)) { report(s, true); return; }
        let list = held.get(a.sha);
        if (!list) held.set(a.sha, (list = []));
        if (list.length < MAX_HELD) list.push(s);
        else report(s, false);
      },
      end() {
        for (const mac of [...held.keys()]) release(mac, false);
      },
    };
  },
});

/** Requests held per director before the cause is known; later ones are reported as they come. */
const MAX_HELD = 64;

const LOCAL_CLIENT_FIX = 'A program on the director connects to the VIP (for example curl http://VIP/ on the director): its packets carry the VIP as source, and real servers, which hold the VIP themselves, drop them and their ARP as martians. Test the service from a client; forwarded client traffic is not affected. If the director must use the service itself, connect to a real server\'s RIP, or set arp_announce=2 on the director (which leaves the SYN from the VIP still unanswered).';
