// Progress of a watch as plain stderr lines (no terminal, CI, or --format): findings as they
// are confirmed, a status line now and then, sources that end. --quiet keeps only warnings and
// sources that fail.

import type { TextSink } from '../cli/cli-io.js';
import { escapeForTerminal } from '../report/escape.js';
import type { WatchListener } from './watch-session.js';
import { findingText, sourceEndText, statusText, stderrLines } from './watch-text.js';

export const PROGRESS_EVERY_MS = 5000;

export function plainProgress(sink: TextSink, options: { readonly quiet: boolean; readonly everyMs?: number }): WatchListener {
  const say = (text: string) => { sink.write(`lvs-doctor: ${text}\n`); };
  const progress = (text: string) => { if (!options.quiet) say(text); };
  const every = options.everyMs ?? PROGRESS_EVERY_MS;
  let nextStatus = every;
  return {
    started: (sources) => progress(`watching ${sources.map((s) => `${escapeForTerminal(s.name)} (${escapeForTerminal(s.label)})`).join(', ')}; Ctrl-C stops`),
    warning: (text) => say(`warning: ${escapeForTerminal(text, 1024)}`),
    finding: (f) => progress(findingText(f)),
    status: (s) => {
      if (s.elapsedMs < nextStatus) return;
      nextStatus = (Math.floor(s.elapsedMs / every) + 1) * every;
      progress(statusText(s));
    },
    sourceEnded: (name, end) => {
      if (end.kind === 'ended') { progress(sourceEndText(name, end)); return; }
      say(sourceEndText(name, end));
      for (const line of stderrLines(end.stderr ?? '')) say(`  ${escapeForTerminal(name)} stderr: ${line}`);
    },
    stopping: (reason) => progress(`stopping: ${escapeForTerminal(reason)}`),
  };
}
