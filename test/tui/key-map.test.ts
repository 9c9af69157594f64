import { describe, expect, it } from 'vitest';
import type { Action } from '../../src/tui/state.js';
import { actionForKey, keyModeOf, keyOfChar, pressesOf, type KeyMode, type KeyPress } from '../../src/tui/key-map.js';

describe('actionForKey', () => {
  it.each<[string, string, Partial<KeyPress>, KeyMode, Action | undefined]>([
    ['j', 'j', {}, 'normal', { type: 'select-by', delta: 1 }],
    ['k', 'k', {}, 'normal', { type: 'select-by', delta: -1 }],
    ['down', '', { downArrow: true }, 'normal', { type: 'select-by', delta: 1 }],
    ['up', '', { upArrow: true }, 'normal', { type: 'select-by', delta: -1 }],
    ['PgDn', '', { pageDown: true }, 'normal', { type: 'page-by', pages: 1 }],
    ['PgUp', '', { pageUp: true }, 'normal', { type: 'page-by', pages: -1 }],
    ['g', 'g', {}, 'normal', { type: 'select-first' }],
    ['G', 'G', {}, 'normal', { type: 'select-last' }],
    ['Enter', '', { return: true }, 'normal', { type: 'detail-opened' }],
    ['Tab', '', { tab: true }, 'normal', { type: 'view-next' }],
    ['Shift-Tab', '', { tab: true, shift: true }, 'normal', { type: 'view-previous' }],
    ['Esc', '', { escape: true }, 'normal', { type: 'back' }],
    ['/', '/', {}, 'normal', { type: 'filter-started' }],
    ['?', '?', {}, 'normal', { type: 'help-toggled' }],
    ['q', 'q', {}, 'normal', { type: 'quit' }],
    ['Ctrl-C', 'c', { ctrl: true }, 'normal', { type: 'quit' }],
    ['x does nothing', 'x', {}, 'normal', undefined],
    ['typing q in the filter', 'q', {}, 'filter', { type: 'filter-typed', text: 'q' }],
    ['Enter in the filter', '', { return: true }, 'filter', { type: 'filter-applied' }],
    ['Esc in the filter', '', { escape: true }, 'filter', { type: 'filter-cancelled' }],
    ['Backspace in the filter', '', { backspace: true }, 'filter', { type: 'filter-erased' }],
    ['Ctrl-C in the filter', 'c', { ctrl: true }, 'filter', { type: 'quit' }],
    ['any key closes help', 'j', {}, 'help', { type: 'help-toggled' }],
    ['Ctrl-C in help', 'c', { ctrl: true }, 'help', { type: 'quit' }],
  ])('%s', (_name, input, key, mode, action) => {
    expect(actionForKey(input, key, mode)).toEqual(action);
  });

  it('picks the mode from the state', () => {
    expect(keyModeOf({ draft: undefined, help: false })).toBe('normal');
    expect(keyModeOf({ draft: '', help: false })).toBe('filter');
    expect(keyModeOf({ draft: undefined, help: true })).toBe('help');
  });

  it.each([
    ['\r', { input: '', key: { return: true } }],
    ['\t', { input: '', key: { tab: true } }],
    ['\u007f', { input: '', key: { backspace: true } }],
    ['\u001b', { input: '', key: { escape: true } }],
    ['\u0003', { input: 'c', key: { ctrl: true } }],
    ['j', { input: 'j', key: {} }],
  ])('reads %j in a burst as a key', (ch, expected) => {
    expect(keyOfChar(ch)).toEqual(expected);
  });

  it('splits bursts and Alt+key into single presses', () => {
    expect(pressesOf('j', {})).toEqual([{ input: 'j', key: {} }]);
    expect(pressesOf('', { downArrow: true })).toEqual([{ input: '', key: { downArrow: true } }]);
    expect(pressesOf('j\r', {})).toEqual([{ input: 'j', key: {} }, { input: '', key: { return: true } }]);
    expect(pressesOf('/', { meta: true })).toEqual([{ input: '', key: { escape: true } }, { input: '/', key: {} }]);
    expect(pressesOf('', { escape: true, meta: true })).toEqual([{ input: '', key: { escape: true, meta: true } }]);
  });
});
