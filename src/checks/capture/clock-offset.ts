import { defineCheck } from '../check-api.js';
import { captureHostRefs } from '../host-ref.js';

/** Below this, an offset is indistinguishable from LAN latency and scheduling noise. */
export const CLOCK_OFFSET_THRESHOLD_SECONDS = 0.01;

export default defineCheck({
  meta: {
    id: 'capture/clock-offset',
    title: 'A capture\'s clock is offset from the others',
    severity: 'info',
    summary: 'Reports captures whose clock differs from the reference capture\'s by more than 10 ms, as measured from packets seen at both.',
    why: 'Hosts\' clocks are rarely in sync. lvs-doctor aligns captures by the packets they share, so the offset does not affect the checks, but timestamps in different captures are not directly comparable.',
    fix: 'Nothing is needed for the analysis; for readable timelines run NTP/chrony on every host.',
    docs: 'docs/checks/capture/clock-offset.md',
    messages: {
      offset: '{{capture}}\'s clock is {{offset}} s {{direction}} the reference capture; timestamps were aligned.',
      unknown: '{{capture}} shares no packet with the other captures, so its clock offset is unknown and its timestamps were not aligned.',
    },
  },
  create(ctx) {
    return {
      end() {
        for (const c of ctx.captures) {
          const o = c.clockOffset;
          if (o === undefined && ctx.captures.length > 1 && c.stats.frames > 0) {
            ctx.report({
              messageId: 'unknown', data: { capture: c.name }, verdict: 'inconclusive', key: c.file,
              hosts: captureHostRefs(c),
              evidence: [], expected: 'packets seen both here and in another capture', seen: 'inconclusive: no shared packet',
            });
            continue;
          }
          if (o === undefined || Math.abs(o) <= CLOCK_OFFSET_THRESHOLD_SECONDS) continue;
          ctx.report({
            messageId: 'offset', data: { capture: c.name, offset: Math.abs(o).toFixed(6), direction: o < 0 ? 'ahead of' : 'behind' },
            key: c.file,
            hosts: captureHostRefs(c),
            evidence: [], expected: 'clocks within 10 ms', seen: `offset ${o.toFixed(6)} s`,
          });
        }
      },
    };
  },
});
