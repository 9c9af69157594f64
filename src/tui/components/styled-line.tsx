import { Text } from 'ink';
import { fitLine, type Line } from '../lines.js';
import type { Theme } from '../theme.js';

export type StyledLineProps = { readonly line: Line; readonly width: number; readonly theme: Theme };

/** One line of segments, cut to `width` so Ink never wraps it. */
export function StyledLine({ line, width, theme }: StyledLineProps) {
  const fitted = fitLine(line, width);
  if (fitted.length === 0) return <Text> </Text>;
  return (
    <Text wrap="truncate-end">
      {fitted.map((s, i) => (
        <Text key={i} color={s.tone ? theme.colorOf(s.tone) : undefined} bold={s.bold ?? false} inverse={s.inverse ?? false}>
          {s.text}
        </Text>
      ))}
    </Text>
  );
}
