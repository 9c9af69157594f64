// Keys to intents. `actionForKey` is the whole mapping and is pure; the hook only connects it
// to Ink's input. Input is off when stdin cannot be put in raw mode (not a terminal).

import { useInput, useStdin, type Key } from 'ink';
import { useRef, type Dispatch } from 'react';
import type { Action, TuiState } from './state.js';

export type KeyMode = 'normal' | 'filter' | 'help';

export type KeyPress = Pick<Key, 'upArrow' | 'downArrow' | 'pageUp' | 'pageDown' | 'home' | 'end' | 'return' | 'escape' | 'ctrl' | 'shift' | 'tab' | 'backspace' | 'delete'>;

export function keyModeOf(state: Pick<TuiState, 'draft' | 'help'>): KeyMode {
  if (state.help) return 'help';
  return state.draft === undefined ? 'normal' : 'filter';
}

function filterKey(input: string, key: Partial<KeyPress>): Action | undefined {
  if (key.return) return { type: 'filter-applied' };
  if (key.escape) return { type: 'filter-cancelled' };
  if (key.backspace || key.delete) return { type: 'filter-erased' };
  if (key.ctrl || key.tab || key.upArrow || key.downArrow || key.pageUp || key.pageDown) return undefined;
  return input ? { type: 'filter-typed', text: input } : undefined;
}

function normalKey(input: string, key: Partial<KeyPress>): Action | undefined {
  if (key.tab) return key.shift ? { type: 'view-previous' } : { type: 'view-next' };
  if (key.return) return { type: 'detail-opened' };
  if (key.escape) return { type: 'back' };
  if (key.downArrow) return { type: 'select-by', delta: 1 };
  if (key.upArrow) return { type: 'select-by', delta: -1 };
  if (key.pageDown) return { type: 'page-by', pages: 1 };
  if (key.pageUp) return { type: 'page-by', pages: -1 };
  if (key.home) return { type: 'select-first' };
  if (key.end) return { type: 'select-last' };
  if (key.ctrl) return undefined;
  switch (input) {
    case 'j': return { type: 'select-by', delta: 1 };
    case 'k': return { type: 'select-by', delta: -1 };
    case 'n': return { type: 'finding-by', delta: 1 };
    case 'p': return { type: 'finding-by', delta: -1 };
    case 'g': return { type: 'select-first' };
    case 'G': return { type: 'select-last' };
    case '/': return { type: 'filter-started' };
    case '?': return { type: 'help-toggled' };
    case 'q': return { type: 'quit' };
    default: return undefined;
  }
}

export function actionForKey(input: string, key: Partial<KeyPress>, mode: KeyMode): Action | undefined {
  if (key.ctrl && input === 'c') return { type: 'quit' };
  switch (mode) {
    case 'help': return { type: 'help-toggled' };
    case 'filter': return filterKey(input, key);
    case 'normal': return normalKey(input, key);
  }
}

export function useKeys(state: Pick<TuiState, 'draft' | 'help'>, dispatch: Dispatch<Action>): void {
  const { isRawModeSupported } = useStdin();
  // Ink may deliver several keys of one read to the same handler before effects re-run; a ref
  // set on every render (renders are synchronous per key) keeps the mode current for each key.
  const mode = useRef(keyModeOf(state));
  mode.current = keyModeOf(state);
  useInput((input, key) => {
    const action = actionForKey(input, key, mode.current);
    if (action) dispatch(action);
  }, { isActive: isRawModeSupported });
}
