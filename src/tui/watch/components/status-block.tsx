import { Box } from 'ink';
import { StyledLine } from '../../components/styled-line.js';
import type { Theme } from '../../theme.js';
import { statusLines } from '../watch-lines.js';
import type { WatchViewState } from '../watch-state.js';

export type StatusBlockProps = { readonly state: WatchViewState; readonly theme: Theme };

/** The live lines under the log: counts, one line per source, what is missing, the keys. */
export function StatusBlock({ state, theme }: StatusBlockProps) {
  return (
    <Box flexDirection="column" width={state.columns}>
      {statusLines(state).map((line, i) => <StyledLine key={i} line={line} width={state.columns} theme={theme} />)}
    </Box>
  );
}
