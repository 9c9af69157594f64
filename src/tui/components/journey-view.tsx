import type { FindingJson } from '../../report/report-types.js';
import { journeyLines } from '../draw/journey-lines.js';
import type { Theme } from '../theme.js';
import { LineBlock } from './line-block.js';

export type JourneyViewProps = {
  readonly finding: FindingJson | undefined;
  /** All findings, to point at the ones that have a journey. */
  readonly findings: readonly FindingJson[];
  readonly width: number;
  readonly height: number;
  readonly offset: number;
  readonly theme: Theme;
};

export function JourneyView({ finding, findings, width, height, offset, theme }: JourneyViewProps) {
  return <LineBlock lines={journeyLines(finding, width, findings)} offset={offset} width={width} height={height} theme={theme} />;
}
