// The lines of whichever view is showing, from the state alone. The reducer uses it to bound
// scrolling; the view components draw the same lines.

import type { FindingJson, ReportJson } from '../report/report-types.js';
import { arpLines } from './draw/arp-lines.js';
import { detailLines } from './draw/detail-lines.js';
import { distributionLines } from './draw/distribution-lines.js';
import { journeyLines } from './draw/journey-lines.js';
import { topologyLines } from './draw/topology-lines.js';
import type { Line } from './lines.js';

export const VIEWS = ['detail', 'journey', 'arp', 'distribution', 'topology'] as const;
export type View = (typeof VIEWS)[number];

export const VIEW_TITLE: Readonly<Record<View, string>> = {
  detail: 'Detail',
  journey: 'Journey',
  arp: 'ARP',
  distribution: 'Distribution',
  topology: 'Topology',
};

export function viewLines(view: View, report: ReportJson, finding: FindingJson | undefined, width: number): Line[] {
  switch (view) {
    case 'detail': return detailLines(finding, width);
    case 'journey': return journeyLines(finding, width, report);
    case 'arp': return arpLines(report, width);
    case 'distribution': return distributionLines(report, width);
    case 'topology': return topologyLines(report, width);
  }
}
