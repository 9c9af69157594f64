// Boxed tables with widths that fit the terminal, drawn like cli-table3's default style.
// Cells are wrapped here (wrap.ts). The box is drawn here too: cli-table3 re-measures a cell's
// whole text for every line it draws, which takes minutes for a cell of a hundred lines
// (e.g. the topology evidence of a capture with many VIPs).

import { painter } from './color.js';
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
  let longest = 0;
  for (const line of text.split('\n')) longest = Math.max(longest, [...line].length);
  return longest;
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
  if (all.length === 0) return '';
  let count = 0;
  for (const r of all) count = Math.max(count, r.length);
  const natural = Array.from({ length: count }, (_, i) => {
    let longest = 0;
    for (const r of all) longest = Math.max(longest, longestLine(r[i] ?? ''));
    return Math.min(options.maxWidths?.[i] ?? Infinity, longest);
  });
  const widths = fitWidths(natural, options.columns);
  if (widths.length === 0) return '';
  const paint = painter(options.color);
  const rule = (left: string, mid: string, right: string) =>
    widths.map((w, i) => paint('grey', `${i === 0 ? left : mid}${'─'.repeat(w + 2)}${i === widths.length - 1 ? right : ''}`)).join('');
  const out: string[] = [rule('┌', '┬', '┐')];
  all.forEach((row, r) => {
    if (r > 0) out.push(rule('├', '┼', '┤'));
    const cells = widths.map((w, i) => wrapText(row[i] ?? '', w));
    let height = 1;
    for (const c of cells) height = Math.max(height, c.length);
    const bold = r === 0 && options.head !== undefined;
    for (let line = 0; line < height; line++) {
      out.push(cells.map((c, i) => {
        const padded = ` ${fit(c[line] ?? '', widths[i]!)} `;
        return `${paint('grey', '│')}${bold ? paint('bold', padded) : padded}${i === widths.length - 1 ? paint('grey', '│') : ''}`;
      }).join(''));
    }
  });
  out.push(rule('└', '┴', '┘'));
  return out.join('\n');
}

/** Pads to `width`; a longer line (deep indentation in a narrow column) is cut with an ellipsis. */
function fit(text: string, width: number): string {
  const chars = [...text];
  if (chars.length > width) return `${chars.slice(0, Math.max(0, width - 1)).join('')}…`;
  return text + ' '.repeat(width - chars.length);
}
