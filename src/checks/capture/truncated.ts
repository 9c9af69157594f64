import { defineCheck } from '../check-api.js';
import { captureHostRefs } from '../host-ref.js';

export default defineCheck({
  meta: {
    id: 'capture/truncated',
    title: 'A capture cut frames short (snap length)',
    severity: 'info',
    summary: 'Reports captures whose frames were cut by the snap length (captured shorter than on the wire), and how many were cut inside a header the checks read.',
    why: 'Frames cut inside the IP or TCP header cannot be matched across vantage points; frames cut in the payload still match, but the director\'s copy can only be compared byte for byte over what both captures kept.',
    fix: 'Capture whole frames: tcpdump -s 0 (the default in current tcpdump), or at least -s 128 for headers.',
    docs: 'docs/checks/capture/truncated.md',
    messages: {
      truncated: '{{capture}}: {{count}} of {{frames}} frames were cut short by the snap length ({{headers}} inside a header).',
    },
  },
  create(ctx) {
    return {
      end() {
        for (const c of ctx.captures) {
          if (c.stats.cut === 0) continue;
          ctx.report({
            messageId: 'truncated', verdict: 'inconclusive', data: { capture: c.name, count: c.stats.cut, frames: c.stats.frames, headers: c.stats.truncated },
            key: c.file,
            hosts: captureHostRefs(c),
            evidence: [], expected: 'complete frames', seen: `${c.stats.cut} frame(s) cut by the snap length, ${c.stats.truncated} inside a header`,
          });
        }
      },
    };
  },
});
