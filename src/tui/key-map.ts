// Keys to intents: the whole mapping, pure. The reducer applies it to each key press in the
// mode the previous press left, so keys that arrive together in one read (fast typing over
// ssh, pasted text, tmux send-keys, Esc read as Alt+key) behave as if typed one by one.

import type { Key } from 'ink';
import type { Action, TuiState } from './state.js';

export type KeyMode = 'normal' | 'filter' | 'help';

export type KeyPress = Pick<Key, 'upArrow' | 'downArrow' | 'pageUp' | 'pageDown' | 'home' | 'end' | 'return' | 'escape' | 'ctrl' | 'shift' | 'tab' | 'backspace' | 'delete' | 'meta'>;

export type Press = { readonly input: string; readonly key: Partial<KeyPress> };

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

/** One character of a burst as the key it stands for. */
export function keyOfChar(ch: string): Press {
  switch (ch) {
    case '\r': case '\n': return { input: '', key: { return: true } };
    case '\t': return { input: '', key: { tab: true } };
    case '\u007f': case '\b': return { input: '', key: { backspace: true } };
    case '\u001b': return { input: '', key: { escape: true } };
    case '\u0003': return { input: 'c', key: { ctrl: true } };
    default: return { input: ch, key: {} };
  }
}

/**
 * Ink's event as single presses: a chunk of several characters is one press per character,
 * and Alt+key (Esc and a key read together; nothing here uses Alt) is Esc, then the key.
 */
export function pressesOf(input: string, key: Partial<KeyPress>): Press[] {
  if (key.meta && !key.escape && input !== '') return [keyOfChar('\u001b'), ...[...input].map(keyOfChar)];
  if ([...input].length > 1 && !key.ctrl) return [...input].map(keyOfChar);
  return [{ input, key }];
}
