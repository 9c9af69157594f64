import { Box } from 'ink';
import type { Line } from '../lines.js';
import type { Theme } from '../theme.js';
import { StyledLine } from './styled-line.js';

export type LineBlockProps = {
  readonly lines: readonly Line[];
  /** First line shown. */
  readonly offset: number;
  readonly width: number;
  readonly height: number;
  readonly theme: Theme;
};

/** A fixed-height window onto `lines`: only the visible lines are rendered. */
export function LineBlock({ lines, offset, width, height, theme }: LineBlockProps) {
  const top = Math.max(0, Math.min(offset, lines.length - height));
  const visible = lines.slice(top, top + height);
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      {visible.map((line, i) => <StyledLine key={top + i} line={line} width={width} theme={theme} />)}
    </Box>
  );
}
