// The TUI's state and its pure reducer. Keys become actions (use-keys.ts); views only read
// the state. Everything here is testable without Ink.

import type { FindingJson, ReportJson } from '../report/report-types.js';
import { buildRows, findingRowPositions, matchesFilter, type ListRow } from './finding-rows.js';
import { actionForKey, keyModeOf, pressesOf, type KeyPress } from './key-map.js';
import { layoutFor, type Layout } from './layout.js';
import { VIEWS, viewLines, type View } from './view-content.js';

export type Focus = 'list' | 'view';

export type TuiState = {
  readonly report: ReportJson;
  readonly rows: readonly ListRow[];
  /** Row index of the selected finding; -1 when the list has no finding. */
  readonly cursor: number;
  /** First list row on screen. */
  readonly scrollTop: number;
  readonly focus: Focus;
  readonly view: View;
  /** First line of the view on screen. */
  readonly viewScroll: number;
  readonly filter: string;
  /** The filter being typed; undefined when not typing. */
  readonly draft: string | undefined;
  readonly help: boolean;
  readonly quit: boolean;
  readonly columns: number;
  readonly rowsOnScreen: number;
};

export type Action =
  | { readonly type: 'select-by'; readonly delta: number }
  | { readonly type: 'page-by'; readonly pages: number }
  | { readonly type: 'select-first' }
  | { readonly type: 'select-last' }
  | { readonly type: 'finding-by'; readonly delta: number }
  | { readonly type: 'detail-opened' }
  | { readonly type: 'view-next' }
  | { readonly type: 'view-previous' }
  | { readonly type: 'back' }
  | { readonly type: 'filter-started' }
  | { readonly type: 'filter-typed'; readonly text: string }
  | { readonly type: 'filter-erased' }
  | { readonly type: 'filter-applied' }
  | { readonly type: 'filter-cancelled' }
  | { readonly type: 'help-toggled' }
  | { readonly type: 'resized'; readonly columns: number; readonly rows: number }
  /** A key event from the terminal (possibly several keys read at once), mapped here by key-map.ts. */
  | { readonly type: 'key-pressed'; readonly input: string; readonly key: Partial<KeyPress> }
  | { readonly type: 'quit' };

/** Tab order: the list, then each view. */
type Stop = 'list' | View;
const STOPS: readonly Stop[] = ['list', ...VIEWS];

function clamp(n: number, min: number, max: number): number {
  return Math.min(Math.max(n, min), Math.max(min, max));
}

export function layoutOf(state: TuiState): Layout {
  return layoutFor(state.columns, state.rowsOnScreen);
}

export function selectedFinding(state: TuiState): FindingJson | undefined {
  const row = state.rows[state.cursor];
  return row?.kind === 'finding' ? state.report.findings[row.index] : undefined;
}

/** 1-based position of the selection among the listed findings, and how many are listed. */
export function selectionPosition(state: TuiState): { readonly at: number; readonly of: number } {
  const positions = findingRowPositions(state.rows);
  return { at: positions.indexOf(state.cursor) + 1, of: positions.length };
}

export function draftMatches(state: TuiState): number {
  const draft = state.draft ?? state.filter;
  return state.report.findings.filter((f) => matchesFilter(f, draft)).length;
}

/** Scrolls the list so the cursor is visible, with its headers when they fit. */
function withVisibleCursor(state: TuiState): TuiState {
  const height = layoutOf(state).bodyHeight;
  const maxTop = Math.max(0, state.rows.length - height);
  if (state.cursor < 0) return { ...state, scrollTop: 0 };
  let top = state.scrollTop;
  if (state.cursor < top) {
    top = state.cursor;
    while (top > 0 && state.rows[top - 1]?.kind !== 'finding' && state.cursor - top < height - 1) top--;
  }
  if (state.cursor >= top + height) top = state.cursor - height + 1;
  return { ...state, scrollTop: clamp(top, 0, maxTop) };
}

function moveSelection(state: TuiState, delta: number): TuiState {
  const positions = findingRowPositions(state.rows);
  if (positions.length === 0) return state;
  const at = Math.max(0, positions.indexOf(state.cursor));
  const cursor = positions[clamp(at + delta, 0, positions.length - 1)]!;
  if (cursor === state.cursor) return state;
  return withVisibleCursor({ ...state, cursor, viewScroll: 0 });
}

function maxViewScroll(state: TuiState): number {
  const layout = layoutOf(state);
  const lines = viewLines(state.view, state.report, selectedFinding(state), layout.paneWidth);
  return Math.max(0, lines.length - layout.bodyHeight);
}

function scrollView(state: TuiState, delta: number): TuiState {
  const viewScroll = clamp(state.viewScroll + delta, 0, maxViewScroll(state));
  return viewScroll === state.viewScroll ? state : { ...state, viewScroll };
}

function goTo(state: TuiState, stop: Stop): TuiState {
  if (stop === 'list') return { ...state, focus: 'list' };
  return { ...state, focus: 'view', view: stop, viewScroll: stop === state.view ? state.viewScroll : 0 };
}

function stopIndex(state: TuiState): number {
  return state.focus === 'list' ? 0 : STOPS.indexOf(state.view);
}

function applyFilter(state: TuiState, filter: string): TuiState {
  const selected = state.rows[state.cursor];
  const rows = buildRows(state.report.findings, filter);
  const kept = selected?.kind === 'finding' ? rows.findIndex((r) => r.kind === 'finding' && r.index === selected.index) : -1;
  const cursor = kept >= 0 ? kept : rows.findIndex((r) => r.kind === 'finding');
  return withVisibleCursor({ ...state, filter, draft: undefined, rows, cursor, scrollTop: 0, focus: 'list', viewScroll: 0 });
}

export function initialState(report: ReportJson, size: { readonly columns: number; readonly rows: number }): TuiState {
  const rows = buildRows(report.findings, '');
  return withVisibleCursor({
    report,
    rows,
    // Findings are grouped most severe first, so this is the first error when there is one.
    cursor: rows.findIndex((r) => r.kind === 'finding'),
    scrollTop: 0,
    focus: 'list',
    view: 'detail',
    viewScroll: 0,
    filter: '',
    draft: undefined,
    help: false,
    quit: false,
    columns: size.columns,
    rowsOnScreen: size.rows,
  });
}

export function reduce(state: TuiState, action: Action): TuiState {
  const page = Math.max(1, layoutOf(state).bodyHeight - 1);
  switch (action.type) {
    case 'select-by':
      return state.focus === 'list' ? moveSelection(state, action.delta) : scrollView(state, action.delta);
    case 'page-by':
      return state.focus === 'list' ? moveSelection(state, action.pages * page) : scrollView(state, action.pages * page);
    case 'select-first':
      return state.focus === 'list' ? { ...moveSelection(state, -Infinity), scrollTop: 0 } : scrollView(state, -Infinity);
    case 'select-last':
      return state.focus === 'list' ? moveSelection(state, Infinity) : scrollView(state, Infinity);
    case 'finding-by':
      return moveSelection(state, action.delta);
    case 'detail-opened':
      if (state.focus !== 'list' || state.cursor < 0) return state;
      return goTo(state, 'detail');
    case 'view-next':
      return goTo(state, STOPS[(stopIndex(state) + 1) % STOPS.length]!);
    case 'view-previous':
      return goTo(state, STOPS[(stopIndex(state) + STOPS.length - 1) % STOPS.length]!);
    case 'back':
      if (state.focus !== 'list') return { ...state, focus: 'list' };
      return state.filter ? applyFilter(state, '') : state;
    case 'filter-started':
      return { ...state, draft: state.filter, help: false };
    case 'filter-typed': {
      if (state.draft === undefined) return state;
      // Pasted text may carry newlines or escape sequences: keep printable characters only.
      const text = action.text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
      return text ? { ...state, draft: state.draft + text } : state;
    }
    case 'filter-erased':
      return state.draft === undefined ? state : { ...state, draft: [...state.draft].slice(0, -1).join('') };
    case 'filter-applied':
      return state.draft === undefined ? state : applyFilter(state, state.draft.trim());
    case 'filter-cancelled':
      return { ...state, draft: undefined };
    case 'help-toggled':
      return { ...state, help: !state.help };
    case 'resized': {
      const resized = withVisibleCursor({ ...state, columns: action.columns, rowsOnScreen: action.rows });
      return { ...resized, viewScroll: clamp(resized.viewScroll, 0, maxViewScroll(resized)) };
    }
    case 'key-pressed': {
      // Mapped against the state as it is when the key is applied, never a stale copy.
      let next = state;
      for (const press of pressesOf(action.input, action.key)) {
        if (next.quit) break;
        const mapped = actionForKey(press.input, press.key, keyModeOf(next));
        if (mapped && mapped.type !== 'key-pressed') next = reduce(next, mapped);
      }
      return next;
    }
    case 'quit':
      return { ...state, quit: true };
  }
}
