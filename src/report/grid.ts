// cli-table3 with widths that fit the terminal. Cells are wrapped here (wrap.ts) rather than by
// cli-table3, which truncates long words such as paths and drops text after leading spaces.

import Table from 'cli-table3';
import { wrapText } from './wrap.js';

const MIN_COLUMN = 4;

export type GridOptions = {
  readonly columns: number;
  readonly head?: readonly string[];
  readonly color: boolean;
  /** Widest a column may be before wrapping, per column. */
  readonly maxWidths?: readonly number[];
};

function longestLine(text: string): number {
  return Math.max(0, ...text.split('\n').map((l) => [...l].length));
}

/** Content widths that fit `columns`, shrinking the widest column first. */
export function fitWidths(natural: readonly number[], columns: number): number[] {
  const widths = natural.map((w) => Math.max(MIN_COLUMN, w));
  // Each column costs its content, one space of padding either side and one border.
  const available = columns - 1 - widths.length * 3;
  let total = widths.reduce((a, b) => a + b, 0);
  while (total > available) {
    let widest = 0;
    for (let i = 1; i < widths.length; i++) if (widths[i]! > widths[widest]!) widest = i;
    if (widths[widest]! <= MIN_COLUMN) break;
    widths[widest]! -= 1;
    total -= 1;
  }
  return widths;
}

export function renderGrid(rows: readonly (readonly string[])[], options: GridOptions): string {
  const all = options.head ? [options.head, ...rows] : rows;
  const count = Math.max(0, ...all.map((r) => r.length));
  const natural = Array.from({ length: count }, (_, i) =>
    Math.min(options.maxWidths?.[i] ?? Infinity, Math.max(0, ...all.map((r) => longestLine(r[i] ?? '')))));
  const widths = fitWidths(natural, options.columns);
  const wrap = (row: readonly string[]) => widths.map((w, i) => wrapText(row[i] ?? '', w).join('\n'));
  const table = new Table({
    ...(options.head ? { head: wrap(options.head) } : {}),
    colWidths: widths.map((w) => w + 2),
    wordWrap: false,
    style: { head: options.color ? ['bold'] : [], border: options.color ? ['grey'] : [] },
  });
  for (const row of rows) table.push(wrap(row));
  return table.toString();
}
