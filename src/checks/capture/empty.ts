import { basename } from 'node:path';
import { defineCheck } from '../check-api.js';
import { captureHostRefs } from '../host-ref.js';

export default defineCheck({
  meta: {
    id: 'capture/empty',
    title: 'A capture holds no packets',
    severity: 'info',
    summary: 'Reports each capture that was read to its end without a single packet: nothing could be checked from that vantage point.',
    why: 'An empty capture is taken on an interface the traffic does not cross, with a filter that matched nothing, or on a host the traffic never reached. Left unsaid, the checks that needed it would pass for want of packets; on the director it can also mean that the clients\' requests bypass it.',
    fix: 'Capture on the interface that carries the VIP\'s traffic (ip route get CLIENT_IP on the director and real servers), with a filter that keeps it and ARP: tcpdump -i eth0 -U -w HOST.pcap \'host VIP or port VPORT or arp or vrrp\'.',
    docs: 'docs/checks/capture/empty.md',
    messages: {
      director: '{{file}} ({{host}}) holds no packets: no client request for a VIP reached the director on the captured interface. Either they bypass it (another host answers ARP for the VIP, or a router has a static route to a real server), or the capture was taken on another interface or with a filter that matched nothing.',
      other: '{{file}} ({{host}}) holds no packets, so nothing could be checked from there: it was taken on an interface the traffic does not cross, with a filter that matched nothing, or while no traffic reached the host.',
    },
  },
  create(ctx) {
    return {
      end() {
        for (const c of ctx.captures) {
          // An unreadable file is reported as such, with its byte offset.
          if (c.stats.frames > 0 || c.failed) continue;
          ctx.report({
            messageId: c.role === 'director' ? 'director' : 'other', verdict: 'inconclusive',
            data: { file: basename(c.file), host: c.name },
            key: c.file,
            hosts: captureHostRefs(c),
            evidence: [],
            expected: 'packets of the VIP\'s traffic (or ARP) at every vantage point', seen: 'no packets at all',
          });
        }
      },
    };
  },
});
