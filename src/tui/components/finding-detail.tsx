import type { FindingJson } from '../../report/report-types.js';
import { detailLines } from '../draw/detail-lines.js';
import type { Theme } from '../theme.js';
import { LineBlock } from './line-block.js';

export type FindingDetailProps = {
  readonly finding: FindingJson | undefined;
  readonly width: number;
  readonly height: number;
  readonly offset: number;
  readonly theme: Theme;
};

export function FindingDetail({ finding, width, height, offset, theme }: FindingDetailProps) {
  return <LineBlock lines={detailLines(finding, width)} offset={offset} width={width} height={height} theme={theme} />;
}
