// Keys of the live view: q or Ctrl-C stops the watch. `watchActionForKey` is the mapping and
// is pure; the hook connects it to Ink's input, only when stdin is a terminal of our own.

import { useInput, type Key } from 'ink';
import type { Dispatch } from 'react';
import type { WatchAction } from './watch-state.js';

export function watchActionForKey(input: string, key: Partial<Pick<Key, 'ctrl' | 'escape'>>): WatchAction | undefined {
  if (key.ctrl && input === 'c') return { type: 'stop-requested' };
  if (!key.ctrl && (input === 'q' || input === 'Q')) return { type: 'stop-requested' };
  return undefined;
}

export function useWatchKeys(dispatch: Dispatch<WatchAction>, active: boolean): void {
  useInput((input, key) => {
    const action = watchActionForKey(input, key);
    if (action) dispatch(action);
  }, { isActive: active });
}
