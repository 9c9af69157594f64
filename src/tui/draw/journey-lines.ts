// The journey view: one swimlane per vantage point (client, director in/out, each real server)
// on a common time axis with clock offsets already removed. Each packet is placed where it was
// seen; a packet that should have been seen at a vantage point and was not is marked ✗.
// Findings without a connection journey show their evidence packets the same way.

import type { FindingJson, JourneyHopJson, ReportJson } from '../../report/report-types.js';
import { captureLabel, clean, frameLabel } from '../../report/text.js';
import { padEnd, seg, type Line } from '../lines.js';
import { SYMBOL } from '../theme.js';
import { evidenceJourney } from './evidence-journey.js';
import { positionOf, spanText, zeroText } from './time-axis.js';

/** Columns for a hop's file#frame. */
const JOURNEY_WHERE_WIDTH = 19;
import { axisLine, trackSegments, type Mark } from './track.js';

const MAX_LABEL = 14;

/** Hops without a time (not seen) sit halfway between their seen neighbours. */
function hopTimes(hops: readonly JourneyHopJson[]): number[] {
  return hops.map((h, i) => {
    if (h.t !== undefined) return h.t;
    const before = hops.slice(0, i).reverse().find((x) => x.t !== undefined)?.t;
    const after = hops.slice(i + 1).find((x) => x.t !== undefined)?.t;
    if (before !== undefined && after !== undefined) return (before + after) / 2;
    return before ?? after ?? 0;
  });
}

export function journeyLines(finding: FindingJson | undefined, width: number, report: Pick<ReportJson, 'captures'>): Line[] {
  if (!finding) return [[seg('No finding selected.', 'muted')]];
  const journey = finding.journey ?? evidenceJourney(finding, report.captures);
  const hops = journey.hops;
  if (hops.length === 0) return [[seg('This finding has no packets to place on a timeline.', 'muted')]];
  const times = hopTimes(hops);
  const span = Math.max(0, ...times);
  const vantages = [...new Set(hops.map((h) => clean(h.vantage)))];
  const labelWidth = Math.min(MAX_LABEL, Math.max(6, ...vantages.map((v) => [...v].length))) + 1;
  const trackWidth = Math.max(10, width - labelWidth);

  const lines: Line[] = [
    finding.journey
      ? [seg(clean(journey.connection), undefined, { bold: true }), seg(`  ${hops.length} hops, ${hops.filter((h) => !h.seen).length} missing`, 'muted')]
      : [seg('Evidence on a common clock', undefined, { bold: true }), seg(`  ${hops.length} packets at ${vantages.length} vantage points`, 'muted')],
    [seg(' '.repeat(labelWidth)), seg(axisLine(trackWidth, zeroText(span), spanText(span)), 'muted')],
  ];
  for (const vantage of vantages) {
    const marks: Mark[] = [];
    hops.forEach((h, i) => {
      if (clean(h.vantage) !== vantage) return;
      marks.push({ pos: positionOf(times[i]!, span, trackWidth), char: h.seen ? SYMBOL.seen : SYMBOL.missing, tone: h.seen ? 'ok' : 'missing' });
    });
    const missing = marks.some((m) => m.tone === 'missing');
    lines.push([seg(padEnd(vantage, labelWidth), missing ? 'missing' : undefined), ...trackSegments(trackWidth, marks)]);
  }

  lines.push([]);
  hops.forEach((h, i) => {
    const where = h.seen && h.frame !== undefined ? frameLabel(h.capture ?? '?', h.frame, JOURNEY_WHERE_WIDTH) : h.seen ? captureLabel(h.capture ?? '') : 'not seen';
    const time = h.t === undefined ? '' : `+${spanText(h.t)}`;
    lines.push([
      seg(`${String(i + 1).padStart(2)} `, 'muted'),
      seg(h.seen ? SYMBOL.seen : SYMBOL.missing, h.seen ? 'ok' : 'missing', { bold: true }),
      seg(` ${padEnd(clean(h.vantage), labelWidth)}`),
      seg(`${padEnd(where, JOURNEY_WHERE_WIDTH)} ${padEnd(time, 11)} `, h.seen ? 'accent' : 'missing'),
      seg(clean(h.summary)),
    ]);
  });
  return lines;
}
