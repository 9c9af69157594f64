import type { ReportJson } from '../../report/report-types.js';
import { topologyLines } from '../draw/topology-lines.js';
import type { Theme } from '../theme.js';
import { LineBlock } from './line-block.js';

export type TopologyViewProps = {
  readonly report: ReportJson;
  readonly width: number;
  readonly height: number;
  readonly offset: number;
  readonly theme: Theme;
};

export function TopologyView({ report, width, height, offset, theme }: TopologyViewProps) {
  return <LineBlock lines={topologyLines(report, width)} offset={offset} width={width} height={height} theme={theme} />;
}
