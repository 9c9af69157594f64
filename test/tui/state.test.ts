import { describe, expect, it } from 'vitest';
import { findingRowPositions } from '../../src/tui/finding-rows.js';
import { initialState, reduce, selectedFinding, selectionPosition, type Action, type TuiState } from '../../src/tui/state.js';
import { emptyReport, manyFindingsReport, sampleReport } from '../support/sample-report.js';

const SIZE = { columns: 80, rows: 24 };

function run(actions: readonly Action[], state: TuiState = initialState(sampleReport, SIZE)): TuiState {
  return actions.reduce(reduce, state);
}

const checkOf = (s: TuiState) => selectedFinding(s)?.check;

describe('initial state', () => {
  it('starts on the list with the first error selected', () => {
    const s = initialState(sampleReport, SIZE);
    expect(s.focus).toBe('list');
    expect(checkOf(s)).toBe('arp/vip-answered-by-non-director');
    expect(selectionPosition(s)).toEqual({ at: 1, of: 6 });
  });

  it('has no selection without findings', () => {
    const s = initialState(emptyReport, SIZE);
    expect(s.cursor).toBe(-1);
    expect(selectedFinding(s)).toBeUndefined();
    expect(run([{ type: 'select-by', delta: 1 }, { type: 'detail-opened' }], s).focus).toBe('list');
  });
});

describe('moving the selection', () => {
  // Grouped order: errors (answered, announced, refused), warning, info, inconclusive.
  it.each<[string, Action[], string]>([
    ['down one', [{ type: 'select-by', delta: 1 }], 'arp/vip-announced-by-non-director'],
    ['down three', Array(3).fill({ type: 'select-by', delta: 1 }), 'forward/bypassed-director'],
    ['down past the end', Array(9).fill({ type: 'select-by', delta: 1 }), 'return/via-director'],
    ['up past the start', [{ type: 'select-by', delta: -1 }], 'arp/vip-answered-by-non-director'],
    ['last', [{ type: 'select-last' }], 'return/via-director'],
    ['last then first', [{ type: 'select-last' }, { type: 'select-first' }], 'arp/vip-answered-by-non-director'],
    ['page down', [{ type: 'page-by', pages: 1 }], 'return/via-director'],
    ['next finding from a view', [{ type: 'detail-opened' }, { type: 'finding-by', delta: 2 }], 'service/refused-by-rs'],
  ])('%s', (_name, actions, check) => {
    expect(checkOf(run(actions))).toBe(check);
  });

  it('keeps the selection on screen in a long list, headers included at the top', () => {
    const start = initialState(manyFindingsReport(200), SIZE);
    const height = SIZE.rows - 4;
    let s = start;
    for (let i = 0; i < 60; i++) {
      s = reduce(s, { type: 'select-by', delta: 1 });
      expect(s.cursor).toBeGreaterThanOrEqual(s.scrollTop);
      expect(s.cursor).toBeLessThan(s.scrollTop + height);
    }
    s = reduce(s, { type: 'select-last' });
    expect(s.scrollTop).toBe(s.rows.length - height);
    s = reduce(s, { type: 'select-first' });
    expect(s.scrollTop).toBe(0);
    expect(s.cursor).toBe(findingRowPositions(s.rows)[0]);
  });

  it('keeps the selection visible when the terminal shrinks', () => {
    let s = run([{ type: 'page-by', pages: 2 }], initialState(manyFindingsReport(200), SIZE));
    s = reduce(s, { type: 'resized', columns: 80, rows: 12 });
    expect(s.cursor).toBeLessThan(s.scrollTop + 12 - 4);
    expect(s.cursor).toBeGreaterThanOrEqual(s.scrollTop);
  });
});

describe('views', () => {
  it.each<[string, Action[], TuiState['focus'], TuiState['view']]>([
    ['Enter opens the detail', [{ type: 'detail-opened' }], 'view', 'detail'],
    ['Tab from the list', [{ type: 'view-next' }], 'view', 'detail'],
    ['Enter then Tab shows the journey', [{ type: 'detail-opened' }, { type: 'view-next' }], 'view', 'journey'],
    ['Tab cycles back to the list', Array(6).fill({ type: 'view-next' }), 'list', 'topology'],
    ['Shift-Tab from the list', [{ type: 'view-previous' }], 'view', 'topology'],
    ['Esc goes back to the list', [{ type: 'detail-opened' }, { type: 'back' }], 'list', 'detail'],
  ])('%s', (_name, actions, focus, view) => {
    const s = run(actions);
    expect([s.focus, s.view]).toEqual([focus, view]);
  });

  it('scrolls a view with j/k, bounded by its content', () => {
    const opened = run([{ type: 'detail-opened' }], initialState(sampleReport, { columns: 80, rows: 12 }));
    const down = run(Array(100).fill({ type: 'select-by', delta: 1 }), opened);
    expect(down.viewScroll).toBeGreaterThan(0);
    expect(checkOf(down)).toBe('arp/vip-answered-by-non-director');
    expect(run([{ type: 'select-by', delta: 1 }], down).viewScroll).toBe(down.viewScroll);
    expect(run([{ type: 'select-first' }], down).viewScroll).toBe(0);
  });

  it('starts a view at its top when the selection changes', () => {
    const s = run([{ type: 'detail-opened' }, { type: 'select-by', delta: 3 }, { type: 'finding-by', delta: 1 }], initialState(sampleReport, { columns: 80, rows: 12 }));
    expect(s.viewScroll).toBe(0);
  });
});

describe('filter', () => {
  const typing = (text: string): Action[] => [{ type: 'filter-started' }, { type: 'filter-typed', text }];

  it('applies on Enter and keeps only matching findings', () => {
    const s = run([...typing('rs2'), { type: 'filter-applied' }]);
    expect(s.filter).toBe('rs2');
    expect(s.draft).toBeUndefined();
    expect(selectionPosition(s)).toEqual({ at: 1, of: 3 });
    expect(checkOf(s)).toBe('service/refused-by-rs');
  });

  it('matches every word, case-insensitively', () => {
    expect(selectionPosition(run([...typing('ARP rs1 announced'), { type: 'filter-applied' }])).of).toBe(1);
  });

  it('keeps the selected finding when it still matches', () => {
    const s = run([{ type: 'select-by', delta: 2 }, ...typing('director'), { type: 'filter-applied' }]);
    expect(checkOf(s)).toBe('service/refused-by-rs');
  });

  it('cancels with Esc, keeping the previous filter', () => {
    const s = run([...typing('rs2'), { type: 'filter-applied' }, ...typing('zzz'), { type: 'filter-cancelled' }]);
    expect(s.filter).toBe('rs2');
    expect(s.draft).toBeUndefined();
  });

  it('edits the draft and drops control characters from pasted text', () => {
    const s = run([...typing('rs\u001b[2J1'), { type: 'filter-typed', text: 'x' }, { type: 'filter-erased' }]);
    expect(s.draft).toBe('rs[2J1');
  });

  it('Esc in the list clears an applied filter', () => {
    const s = run([...typing('rs2'), { type: 'filter-applied' }, { type: 'back' }]);
    expect(s.filter).toBe('');
    expect(selectionPosition(s).of).toBe(6);
  });

  it('has no selection when nothing matches', () => {
    const s = run([...typing('no-such-thing'), { type: 'filter-applied' }]);
    expect(s.cursor).toBe(-1);
    expect(s.rows).toEqual([]);
  });
});

describe('a burst of keys read at once', () => {
  it.each<[string, string, string | undefined, TuiState['focus'], TuiState['view']]>([
    ['j j Enter Tab', 'jj\r\t', 'service/refused-by-rs', 'view', 'journey'],
    ['a filter typed and applied', '/rs2\r', 'service/refused-by-rs', 'list', 'detail'],
    ['q inside a filter is text', '/q\u001b', 'arp/vip-answered-by-non-director', 'list', 'detail'],
    ['Esc then keys', '\r\u001bj', 'arp/vip-announced-by-non-director', 'list', 'detail'],
  ])('%s', (_name, text, check, focus, view) => {
    const s = run([{ type: 'key-pressed', input: text, key: {} }]);
    expect(checkOf(s)).toBe(check);
    expect([s.focus, s.view]).toEqual([focus, view]);
    expect(s.draft).toBeUndefined();
  });

  it('reads Alt+key as Esc then the key', () => {
    const s = run([{ type: 'detail-opened' }, { type: 'key-pressed', input: 'j', key: { meta: true } }]);
    expect(s.focus).toBe('list');
    expect(checkOf(s)).toBe('arp/vip-announced-by-non-director');
  });

  it('maps single keys in the current mode', () => {
    const s = run([{ type: 'key-pressed', input: '/', key: {} }, { type: 'key-pressed', input: 'q', key: {} }, { type: 'key-pressed', input: '', key: { return: true } }]);
    expect(s.filter).toBe('q');
    expect(s.quit).toBe(false);
  });

  it('stops at q', () => {
    const s = run([{ type: 'key-pressed', input: 'qj', key: {} }]);
    expect(s.quit).toBe(true);
    expect(checkOf(s)).toBe('arp/vip-answered-by-non-director');
  });
});

describe('help and quit', () => {
  it.each<[Action[], boolean]>([
    [[{ type: 'help-toggled' }], true],
    [[{ type: 'help-toggled' }, { type: 'help-toggled' }], false],
  ])('help %#', (actions, help) => {
    expect(run(actions).help).toBe(help);
  });

  it('quits', () => {
    expect(run([{ type: 'quit' }]).quit).toBe(true);
  });
});
