// A finding's evidence regrouped per capture (vantage point), captures in the order they first
// appear, frames in frame order: how a person compares what each host saw.

import type { EvidenceJson } from './report-types.js';

export type CaptureEvidence = {
  readonly capture: string;
  readonly host?: string;
  readonly items: readonly EvidenceJson[];
};

export function evidenceByCapture(evidence: readonly EvidenceJson[]): CaptureEvidence[] {
  const byCapture = new Map<string, EvidenceJson[]>();
  for (const e of evidence) {
    let list = byCapture.get(e.capture);
    if (!list) byCapture.set(e.capture, (list = []));
    list.push(e);
  }
  return [...byCapture].map(([capture, items]) => {
    const sorted = [...items].sort((a, b) => a.frame - b.frame);
    const host = sorted.find((e) => e.host !== undefined)?.host;
    return host === undefined ? { capture, items: sorted } : { capture, host, items: sorted };
  });
}
