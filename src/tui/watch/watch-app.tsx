// Composition only: state from the reducer, events from the feed, keys from watch-keys, the
// log above (printed once each, through <Static>) and the status block below.

import { Static } from 'ink';
import { useEffect, useMemo, useReducer } from 'react';
import { createTheme } from '../theme.js';
import { LogEntry } from './components/log-entry.js';
import { StatusBlock } from './components/status-block.js';
import { useWatchFeed, type WatchFeed } from './watch-feed.js';
import { useWatchKeys } from './watch-keys.js';
import { initialWatchState, reduceWatch, type LogEntry as Entry } from './watch-state.js';

export type WatchAppProps = {
  readonly feed: WatchFeed;
  readonly columns: number;
  readonly color: boolean;
  /** Whether keys are read (stdin is a terminal and not a capture stream). */
  readonly keys: boolean;
  readonly onStop: () => void;
};

export function WatchApp({ feed, columns, color, keys, onStop }: WatchAppProps) {
  const [state, dispatch] = useReducer(reduceWatch, columns, initialWatchState);
  const theme = useMemo(() => createTheme(color), [color]);
  useWatchFeed(feed, dispatch);
  useWatchKeys(dispatch, keys);
  useEffect(() => { dispatch({ type: 'resized', columns }); }, [columns]);
  useEffect(() => { if (state.stopRequested) onStop(); }, [state.stopRequested, onStop]);
  return (
    <>
      <Static items={state.log as Entry[]}>
        {(entry) => <LogEntry key={entry.id} entry={entry} width={state.columns} theme={theme} />}
      </Static>
      <StatusBlock state={state} theme={theme} />
    </>
  );
}

