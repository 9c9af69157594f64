// useInput → the reducer. Which intent a key means depends on the mode (list, filter, help),
// so the reducer maps it (key-map.ts) against the state it is applied to: keys read in one
// chunk, before React re-renders, still each see the mode the previous key left. Input is off
// when stdin cannot be put in raw mode (not a terminal).

import { useInput, useStdin } from 'ink';
import type { Dispatch } from 'react';
import type { Action } from './state.js';

export function useKeys(dispatch: Dispatch<Action>): void {
  const { isRawModeSupported } = useStdin();
  useInput((input, key) => {
    const { upArrow, downArrow, pageUp, pageDown, home, end, return: enter, escape, ctrl, shift, tab, backspace, delete: del, meta } = key;
    dispatch({ type: 'key-pressed', input, key: { upArrow, downArrow, pageUp, pageDown, home, end, return: enter, escape, ctrl, shift, tab, backspace, delete: del, meta } });
  }, { isActive: isRawModeSupported });
}
