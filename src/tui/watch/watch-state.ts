// The live view's state and its pure reducer. Session events and keys become actions; the
// views only read the state. The log is append-only: Ink prints each entry once, above the
// status lines, and never redraws it.

import type { LiveFinding } from '../../live/live-finding.js';
import type { SourceEnd } from '../../live/live-source.js';
import type { SourceStatus, WatchStatus } from '../../live/watch-status.js';
import type { Severity } from '../../report/report-types.js';

export type LogEntry =
  | { readonly id: number; readonly kind: 'finding'; readonly finding: LiveFinding }
  | { readonly id: number; readonly kind: 'source-ended'; readonly name: string; readonly end: SourceEnd; readonly at: number }
  | { readonly id: number; readonly kind: 'warning'; readonly text: string };

export type WatchViewState = {
  readonly log: readonly LogEntry[];
  readonly sources: readonly SourceStatus[];
  readonly status: WatchStatus | undefined;
  readonly counts: Readonly<Record<Severity, number>>;
  /** Why the watch is stopping, once it is. */
  readonly stopping: string | undefined;
  /** The operator asked to stop (q, Ctrl-C); the app passes it on once. */
  readonly stopRequested: boolean;
  readonly columns: number;
};

export type WatchAction =
  | { readonly type: 'started'; readonly sources: readonly SourceStatus[] }
  | { readonly type: 'warning'; readonly text: string }
  | { readonly type: 'finding-added'; readonly finding: LiveFinding }
  | { readonly type: 'status-updated'; readonly status: WatchStatus }
  | { readonly type: 'source-ended'; readonly name: string; readonly end: SourceEnd; readonly at: number }
  | { readonly type: 'stopping'; readonly reason: string }
  | { readonly type: 'stop-requested' }
  | { readonly type: 'resized'; readonly columns: number };

export function initialWatchState(columns: number): WatchViewState {
  return {
    log: [], sources: [], status: undefined, counts: { error: 0, warning: 0, info: 0 },
    stopping: undefined, stopRequested: false, columns,
  };
}

type NewEntry = LogEntry extends infer E ? (E extends LogEntry ? Omit<E, 'id'> : never) : never;

function append(state: WatchViewState, entry: NewEntry): WatchViewState {
  return { ...state, log: [...state.log, { ...entry, id: state.log.length } as LogEntry] };
}

function withSource(sources: readonly SourceStatus[], name: string, end: SourceEnd): SourceStatus[] {
  return sources.map((s) => (s.name === name ? { ...s, state: end.kind, reason: end.reason, rate: 0 } : s));
}

export function reduceWatch(state: WatchViewState, action: WatchAction): WatchViewState {
  switch (action.type) {
    case 'started':
      return { ...state, sources: action.sources };
    case 'warning':
      return append(state, { kind: 'warning', text: action.text });
    case 'finding-added': {
      const f = action.finding;
      const counts = f.verdict === 'fail' ? { ...state.counts, [f.severity]: state.counts[f.severity] + 1 } : state.counts;
      return { ...append(state, { kind: 'finding', finding: f }), counts };
    }
    case 'status-updated':
      return { ...state, status: action.status, sources: action.status.sources };
    case 'source-ended':
      return { ...append(state, { kind: 'source-ended', name: action.name, end: action.end, at: action.at }), sources: withSource(state.sources, action.name, action.end) };
    case 'stopping':
      return state.stopping === undefined ? { ...state, stopping: action.reason } : state;
    case 'stop-requested':
      return state.stopRequested ? state : { ...state, stopRequested: true };
    case 'resized':
      return action.columns === state.columns ? state : { ...state, columns: action.columns };
  }
}
