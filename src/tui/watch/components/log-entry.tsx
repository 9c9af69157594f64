import { Box, Text } from 'ink';
import type { Line } from '../../lines.js';
import type { Theme } from '../../theme.js';
import { logLines } from '../watch-lines.js';
import type { LogEntry as Entry } from '../watch-state.js';

export type LogEntryProps = { readonly entry: Entry; readonly width: number; readonly theme: Theme };

function WrappedLine({ line, theme }: { readonly line: Line; readonly theme: Theme }) {
  return (
    <Text wrap="wrap">
      {line.map((s, i) => (
        <Text key={i} color={s.tone ? theme.colorOf(s.tone) : undefined} bold={s.bold ?? false}>{s.text}</Text>
      ))}
    </Text>
  );
}

/** One log entry, wrapped rather than cut: it stays in the scrollback as printed. */
export function LogEntry({ entry, width, theme }: LogEntryProps) {
  return (
    <Box flexDirection="column" width={width}>
      {logLines(entry).map((line, i) => <WrappedLine key={i} line={line} theme={theme} />)}
    </Box>
  );
}
