import { Box } from 'ink';
import { GROUP_LABEL } from '../../report/finding-groups.js';
import type { FindingJson } from '../../report/report-types.js';
import { clean } from '../../report/text.js';
import type { ListRow } from '../finding-rows.js';
import { seg, type Line } from '../lines.js';
import { SYMBOL, type Theme } from '../theme.js';
import { StyledLine } from './styled-line.js';

export type FindingListProps = {
  readonly findings: readonly FindingJson[];
  readonly rows: readonly ListRow[];
  readonly cursor: number;
  readonly scrollTop: number;
  readonly width: number;
  readonly height: number;
  /** Whether keys move this list (dims the selection when another pane has the keys). */
  readonly focused: boolean;
  readonly emptyText: string;
  readonly theme: Theme;
};

function rowLine(row: ListRow, findings: readonly FindingJson[], selected: boolean, focused: boolean): Line {
  switch (row.kind) {
    case 'group':
      return [seg(`${SYMBOL[row.group]} ${GROUP_LABEL[row.group]} (${row.count})`, row.group, { bold: true })];
    case 'check':
      return [seg(`  ${clean(row.check)}`, undefined, { bold: true }), seg(` (${row.count})`, 'muted')];
    case 'finding': {
      const f = findings[row.index];
      const text = f ? clean(f.message) : '?';
      if (!selected) return [seg(`    ${text}`)];
      return [seg(`  ${SYMBOL.selected} `, row.group, { bold: true }), seg(text, undefined, { inverse: focused, bold: true })];
    }
  }
}

/** Only the rows that fit are rendered: a report with thousands of findings costs one screen. */
export function FindingList({ findings, rows, cursor, scrollTop, width, height, focused, emptyText, theme }: FindingListProps) {
  const visible = rows.slice(scrollTop, scrollTop + height);
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      {visible.length === 0
        ? <StyledLine line={[seg(emptyText, 'muted')]} width={width} theme={theme} />
        : visible.map((row, i) => (
          <StyledLine key={scrollTop + i} line={rowLine(row, findings, scrollTop + i === cursor, focused)} width={width} theme={theme} />
        ))}
    </Box>
  );
}
