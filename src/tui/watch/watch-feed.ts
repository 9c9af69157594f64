// Carries the session's events into the live view: the session pushes actions from outside
// React, the app subscribes once mounted. Actions pushed before that are kept and replayed.

import { useEffect, type Dispatch } from 'react';
import type { WatchAction } from './watch-state.js';

export type WatchFeed = {
  push(action: WatchAction): void;
  subscribe(listener: (action: WatchAction) => void): () => void;
};

export function createWatchFeed(): WatchFeed {
  let listener: ((action: WatchAction) => void) | undefined;
  const early: WatchAction[] = [];
  return {
    push(action) {
      if (listener) listener(action);
      else early.push(action);
    },
    subscribe(l) {
      listener = l;
      for (const a of early.splice(0)) l(a);
      return () => { if (listener === l) listener = undefined; };
    },
  };
}

export function useWatchFeed(feed: WatchFeed, dispatch: Dispatch<WatchAction>): void {
  useEffect(() => feed.subscribe(dispatch), [feed, dispatch]);
}
