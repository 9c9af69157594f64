// A finding without a connection journey (an ARP reply, an announcement) still has evidence
// packets from several captures. Put on the common clock, they form the same swimlane story:
// one lane per vantage point, each packet where and when it was seen.

import type { CaptureJson, FindingJson, JourneyHopJson, JourneyJson } from '../../report/report-types.js';
import { secondsBetween } from './time-axis.js';
import { clockOffsetsByFile } from '../../report/capture-files.js';

export function evidenceJourney(finding: FindingJson, captures: readonly CaptureJson[]): JourneyJson {
  const offsets = clockOffsetsByFile(captures);
  const first = finding.evidence[0];
  if (!first) return { connection: finding.check, hops: [] };
  const timed = finding.evidence.map((e) => ({
    e,
    t: secondsBetween(e.ts, first.ts, offsets.get(e.capture) ?? 0, offsets.get(first.capture) ?? 0) ?? 0,
  }));
  const min = Math.min(...timed.map((x) => x.t));
  const hops: JourneyHopJson[] = timed
    .sort((a, b) => a.t - b.t)
    .map(({ e, t }) => ({ vantage: e.host ?? e.capture, capture: e.capture, frame: e.frame, t: t - min, summary: e.summary, seen: true }));
  return { connection: finding.check, hops };
}
