// The ARP ownership timeline: for each VIP, one lane per MAC that answered or announced it (or
// received its traffic), on a common time axis with clock offsets applied. A lane that is not
// a director's MAC is what ARP flux looks like.

import type { ArpEventJson, ArpTimelineJson, ReportJson } from '../../report/report-types.js';
import { captureLabel, clean, frameLabel } from '../../report/text.js';
import { padEnd, seg, type Line } from '../lines.js';
import { SYMBOL } from '../theme.js';
import { positionOf, secondsBetween, spanText, zeroText } from './time-axis.js';
import { axisLine, trackSegments, type Mark } from './track.js';
import { clockOffsetsByFile } from '../../report/capture-files.js';

const KIND_MARK: Readonly<Record<ArpEventJson['kind'], string>> = { announcement: 'A', reply: 'R', traffic: 'T' };

type Placed = { readonly event: ArpEventJson; readonly t: number };

function place(timeline: ArpTimelineJson, offsets: ReadonlyMap<string, number>): Placed[] {
  const first = timeline.events[0];
  if (!first) return [];
  const rel = timeline.events.map((event) => ({
    event,
    t: secondsBetween(event.ts, first.ts, offsets.get(event.capture) ?? 0, offsets.get(first.capture) ?? 0) ?? 0,
  }));
  const min = Math.min(...rel.map((p) => p.t));
  return rel.map((p) => ({ event: p.event, t: p.t - min })).sort((a, b) => a.t - b.t);
}

/** Times the owner (the MAC that last answered or announced the VIP) changed. */
function ownerChanges(placed: readonly Placed[]): number {
  let owner: string | undefined;
  let changes = 0;
  for (const { event } of placed) {
    if (event.kind === 'traffic') continue;
    if (owner !== undefined && owner !== event.mac) changes++;
    owner = event.mac;
  }
  return changes;
}

function vipLines(timeline: ArpTimelineJson, report: ReportJson, width: number): Line[] {
  const offsets = clockOffsetsByFile(report.captures);
  const directorMacs = new Set(report.topology.directors.flatMap((d) => [d.mac, ...(d.otherMacs ?? [])].map((m) => m?.toLowerCase())));
  const placed = place(timeline, offsets);
  const span = Math.max(0, ...placed.map((p) => p.t));
  const macs = [...new Set(placed.map((p) => p.event.mac))];
  const hostOf = (mac: string) => placed.find((p) => p.event.mac === mac && p.event.host)?.event.host;
  const labels = macs.map((mac) => `${clean(mac)} ${clean(hostOf(mac) ?? '')}`.trimEnd());
  // One column of space after the longest label, which is cut to keep room for the track.
  const labelWidth = Math.min(30, Math.max(...labels.map((l) => [...l].length), 8)) + 1;
  const captureWidth = Math.min(24, Math.max(...placed.map((p) => [...`${captureLabel(p.event.capture)}#${p.event.frame}`].length))) + 1;
  const trackWidth = Math.max(10, width - labelWidth - 2);
  // A MAC that answered or announced the VIP claims it; traffic alone (e.g. to the client's
  // gateway, seen in the client's capture) claims nothing.
  const claims = (mac: string) => placed.some((p) => p.event.mac === mac && p.event.kind !== 'traffic');
  const isDirector = (mac: string) => directorMacs.has(mac.toLowerCase());
  const intruders = macs.filter((m) => !isDirector(m) && claims(m));
  const changes = ownerChanges(placed);

  const lines: Line[] = [[
    seg(`VIP ${clean(timeline.vip)}`, undefined, { bold: true }),
    seg(`  ${macs.length} MAC${macs.length === 1 ? '' : 's'}, owner changed ${changes} time${changes === 1 ? '' : 's'}${intruders.length ? `, ${intruders.length} not a director` : ''}`, intruders.length ? 'error' : 'muted'),
  ]];
  if (placed.length === 0) return [...lines, [seg('  no ARP seen for this VIP', 'muted')]];
  lines.push([seg(' '.repeat(labelWidth + 2)), seg(axisLine(trackWidth, zeroText(span), spanText(span)), 'muted')]);
  macs.forEach((mac, i) => {
    const intruder = intruders.includes(mac);
    const tone = isDirector(mac) ? 'ok' : intruder ? 'error' : 'plain';
    const marks: Mark[] = placed.filter((p) => p.event.mac === mac).map((p) => ({ pos: positionOf(p.t, span, trackWidth), char: KIND_MARK[p.event.kind], tone }));
    lines.push([seg(intruder ? `${SYMBOL.missing} ` : '  ', tone, { bold: true }), seg(`${padEnd(labels[i]!, labelWidth - 1)} `, intruder ? 'error' : undefined), ...trackSegments(trackWidth, marks)]);
  });
  lines.push([seg('  A announcement  R reply  T traffic sent to that MAC', 'muted')], []);
  for (const { event, t } of placed) {
    lines.push([
      seg(`  +${padEnd(spanText(t), 12)}`, 'muted'),
      seg(padEnd(frameLabel(event.capture, event.frame, captureWidth - 1), captureWidth), 'accent'),
      seg(` ${clean(event.mac)} `, intruders.includes(event.mac) ? 'error' : undefined),
      seg(padEnd(clean(event.host ?? ''), 10)),
      seg(` ${event.kind}`),
    ]);
  }
  return lines;
}

export function arpLines(report: ReportJson, width: number): Line[] {
  if (report.arpTimeline.length === 0) return [[seg('No ARP for any VIP in the captures.', 'muted')]];
  return report.arpTimeline.flatMap((t, i) => [...(i > 0 ? [[]] : []), ...vipLines(t, report, width)]);
}
