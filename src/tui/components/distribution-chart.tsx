import type { ReportJson } from '../../report/report-types.js';
import { distributionLines } from '../draw/distribution-lines.js';
import type { Theme } from '../theme.js';
import { LineBlock } from './line-block.js';

export type DistributionChartProps = {
  readonly report: ReportJson;
  readonly width: number;
  readonly height: number;
  readonly offset: number;
  readonly theme: Theme;
};

export function DistributionChart({ report, width, height, offset, theme }: DistributionChartProps) {
  return <LineBlock lines={distributionLines(report, width)} offset={offset} width={width} height={height} theme={theme} />;
}
