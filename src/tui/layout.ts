// Screen geometry. The whole UI stays one line shorter than the terminal: Ink clears the
// screen on every render once its output reaches the terminal's height, which flickers.

export const WIDE_COLUMNS = 110;
const MIN_COLUMNS = 40;
const MIN_ROWS = 10;
/** Summary bar, tab bar and footer. */
const CHROME_ROWS = 3;

export type Layout = {
  readonly columns: number;
  readonly rows: number;
  /** List and view side by side. */
  readonly wide: boolean;
  readonly bodyHeight: number;
  readonly listWidth: number;
  readonly paneWidth: number;
};

export function layoutFor(columns: number, rows: number): Layout {
  const c = Math.max(MIN_COLUMNS, Math.floor(columns));
  const r = Math.max(MIN_ROWS, Math.floor(rows));
  const bodyHeight = r - 1 - CHROME_ROWS;
  const wide = c >= WIDE_COLUMNS;
  const listWidth = wide ? Math.max(36, Math.floor(c * 0.4)) : c;
  // One column separates list and pane.
  const paneWidth = wide ? c - listWidth - 1 : c;
  return { columns: c, rows: r, wide, bodyHeight, listWidth, paneWidth };
}
