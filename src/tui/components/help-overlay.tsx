import { Box } from 'ink';
import { helpLines } from '../draw/help-lines.js';
import type { Theme } from '../theme.js';
import { LineBlock } from './line-block.js';

export type HelpOverlayProps = { readonly width: number; readonly height: number; readonly theme: Theme };

export function HelpOverlay({ width, height, theme }: HelpOverlayProps) {
  // The border takes two rows and two columns plus one column of padding each side.
  return (
    <Box borderStyle="round" borderColor={theme.colorOf('accent')} paddingX={1} width={width} height={height}>
      <LineBlock lines={helpLines()} offset={0} width={Math.max(1, width - 4)} height={Math.max(1, height - 2)} theme={theme} />
    </Box>
  );
}
