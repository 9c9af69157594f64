import { defineCheck } from '../check-api.js';

export default defineCheck({
  meta: {
    id: 'capture/truncated',
    title: 'A capture cut frames short (snap length)',
    severity: 'info',
    summary: 'Reports captures whose frames were cut by the snap length before the end of a header the checks read.',
    why: 'Frames cut inside the IP or TCP header cannot be matched across vantage points or compared byte for byte; checks that need them skip those frames.',
    fix: 'Capture whole frames: tcpdump -s 0 (the default in current tcpdump), or at least -s 128 for headers.',
    docs: 'docs/checks/capture/truncated.md',
    messages: {
      truncated: '{{capture}}: {{count}} of {{frames}} frames were cut short by the snap length.',
    },
  },
  create(ctx) {
    return {
      end() {
        for (const c of ctx.captures) {
          if (c.stats.truncated === 0) continue;
          ctx.report({
            messageId: 'truncated', data: { capture: c.name, count: c.stats.truncated, frames: c.stats.frames },
            key: c.file,
            hosts: c.host ? [{ ...(c.host.mac !== undefined ? { mac: c.host.mac } : {}), ...(c.host.ips[0] !== undefined ? { ip: c.host.ips[0] } : {}) }] : c.hostMac !== undefined ? [{ mac: c.hostMac }] : [],
            evidence: [], expected: 'complete frames', seen: `${c.stats.truncated} frame(s) cut by the snap length`,
          });
        }
      },
    };
  },
});
