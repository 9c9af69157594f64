// useInput → intents. Single keys are mapped here (key-map.ts); a burst of characters read in
// one chunk goes to the reducer whole, which maps each character in the mode the previous one
// left (a burst like "/rs2\r" must type into the filter it opens). Input is off when stdin
// cannot be put in raw mode (not a terminal).

import { useInput, useStdin } from 'ink';
import { useRef, type Dispatch } from 'react';
import { actionForKey, keyModeOf } from './key-map.js';
import type { Action, TuiState } from './state.js';

export function useKeys(state: Pick<TuiState, 'draft' | 'help'>, dispatch: Dispatch<Action>): void {
  const { isRawModeSupported } = useStdin();
  // Read at key time, not when the handler was created: effects re-subscribe it only later.
  const mode = useRef(keyModeOf(state));
  mode.current = keyModeOf(state);
  useInput((input, key) => {
    // Esc and a key read together arrive as Alt+key; nothing uses Alt, so it is Esc, then the key.
    const afterEscape = key.meta && !key.escape && input !== '';
    if (afterEscape || ([...input].length > 1 && !key.ctrl)) {
      dispatch({ type: 'keys-typed', text: afterEscape ? `\u001b${input}` : input });
      return;
    }
    const action = actionForKey(input, key, mode.current);
    if (action) dispatch(action);
  }, { isActive: isRawModeSupported });
}
