import type { ReportJson } from '../../report/report-types.js';
import { arpLines } from '../draw/arp-lines.js';
import type { Theme } from '../theme.js';
import { LineBlock } from './line-block.js';

export type ArpTimelineProps = {
  readonly report: ReportJson;
  readonly width: number;
  readonly height: number;
  readonly offset: number;
  readonly theme: Theme;
};

export function ArpTimeline({ report, width, height, offset, theme }: ArpTimelineProps) {
  return <LineBlock lines={arpLines(report, width)} offset={offset} width={width} height={height} theme={theme} />;
}
