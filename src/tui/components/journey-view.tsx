import type { FindingJson, ReportJson } from '../../report/report-types.js';
import { journeyLines } from '../draw/journey-lines.js';
import type { Theme } from '../theme.js';
import { LineBlock } from './line-block.js';

export type JourneyViewProps = {
  readonly finding: FindingJson | undefined;
  /** For the captures' clock offsets. */
  readonly report: ReportJson;
  readonly width: number;
  readonly height: number;
  readonly offset: number;
  readonly theme: Theme;
};

export function JourneyView({ finding, report, width, height, offset, theme }: JourneyViewProps) {
  return <LineBlock lines={journeyLines(finding, width, report)} offset={offset} width={width} height={height} theme={theme} />;
}
