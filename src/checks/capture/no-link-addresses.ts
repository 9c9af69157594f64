import { defineCheck } from '../check-api.js';
import { captureHostRefs } from '../host-ref.js';

export default defineCheck({
  meta: {
    id: 'capture/no-link-addresses',
    title: 'A capture hides destination MACs',
    severity: 'info',
    summary: 'Reports captures whose link layer carries no destination MAC (Linux cooked SLL/SLL2 from `tcpdump -i any`) or no MACs at all (raw IP, loopback).',
    why: 'DR is about MAC addresses: the director changes only them. Without destination MACs the checks cannot see where the director sent a packet or whom a real server replied to; they fall back to packet direction and say so.',
    fix: 'Capture on the Ethernet interface itself: tcpdump -i eth0 -w HOST.pcap (not -i any).',
    docs: 'docs/checks/capture/no-link-addresses.md',
    messages: {
      cooked: '{{capture}} is a Linux cooked capture ({{linkType}}): it keeps no destination MACs. Frames its host received were addressed to the MAC it sends from; where it sent frames stays unknown.',
      bare: '{{capture}} carries no link-layer addresses at all.',
    },
  },
  create(ctx) {
    return {
      end() {
        for (const c of ctx.captures) {
          if (c.linkKind !== 'cooked' && c.linkKind !== 'bare') continue;
          ctx.report({
            messageId: c.linkKind, verdict: 'inconclusive', data: { capture: c.name, linkType: 'SLL/SLL2, as written by tcpdump -i any' },
            key: c.file,
            hosts: captureHostRefs(c),
            evidence: [],
            expected: 'Ethernet frames with source and destination MACs', seen: c.linkKind === 'cooked' ? 'sender MAC only' : 'no MACs',
          });
        }
      },
    };
  },
});
