// What the live view draws, as styled lines: one per log entry (findings as they are
// confirmed, sources that end, warnings) and the status lines under them. Text is escaped here.

import { escapeForTerminal } from '../../report/escape.js';
import { compactCount, type SourceStatus } from '../../live/watch-status.js';
import { elapsedText, stderrLines } from '../../live/watch-text.js';
import { seg, type Line } from '../lines.js';
import { SYMBOL } from '../theme.js';
import type { LogEntry, WatchViewState } from './watch-state.js';

const MAX_SOURCE_LINES = 8;

function clock(ms: number): string {
  return new Date(ms).toTimeString().slice(0, 8);
}

export function logLines(entry: LogEntry): Line[] {
  switch (entry.kind) {
    case 'finding': {
      const f = entry.finding;
      const tone = f.verdict === 'inconclusive' ? 'inconclusive' : f.severity;
      const symbol = f.verdict === 'inconclusive' ? SYMBOL.inconclusive : SYMBOL[f.severity];
      return [[
        seg(`${clock(f.at)} `, 'muted'),
        seg(`${symbol} ${f.severity} `, tone, { bold: f.severity === 'error' }),
        seg(`${f.check} `, 'accent'),
        seg(escapeForTerminal(f.message, 1024)),
      ]];
    }
    case 'source-ended': {
      const failed = entry.end.kind === 'failed';
      const head: Line = [
        seg(`${clock(entry.at)} `, 'muted'),
        seg(`${failed ? SYMBOL.missing : SYMBOL.info} ${escapeForTerminal(entry.name)} ${entry.end.kind}: `, failed ? 'missing' : 'muted', { bold: failed }),
        seg(escapeForTerminal(entry.end.reason, 1024)),
      ];
      const stderr = failed && entry.end.kind === 'failed' ? stderrLines(entry.end.stderr ?? '') : [];
      return [head, ...stderr.map((l) => [seg(`         stderr: ${l}`, 'muted')])];
    }
    case 'warning':
      return [[seg('warning: ', 'warning', { bold: true }), seg(escapeForTerminal(entry.text, 1024))]];
  }
}

function sourceLine(s: SourceStatus): Line {
  const name = seg(`  ${escapeForTerminal(s.name)} `, undefined, { bold: true });
  const label = seg(`${escapeForTerminal(s.label)}  `, 'muted');
  if (s.state !== 'live') {
    const tone = s.state === 'failed' ? 'missing' : 'muted';
    return [name, label, seg(`${s.state}`, tone, { bold: s.state === 'failed' }), seg(` after ${compactCount(s.packets)} pkts${s.reason ? `: ${escapeForTerminal(s.reason)}` : ''}`, 'muted')];
  }
  return [
    name, label,
    seg(`${compactCount(s.packets)} pkts  `),
    seg(`${compactCount(s.rate)}/s`, s.rate > 0 ? 'ok' : 'muted'),
    ...(s.drops !== undefined ? [seg(`  ${compactCount(s.drops)} dropped`, s.drops > 0 ? 'warning' : 'muted')] : []),
  ];
}

export function statusLines(state: WatchViewState): Line[] {
  const c = state.counts;
  const status = state.status;
  if (state.sources.length === 0 && state.stopping === undefined) return [[seg('◌ starting the sources…', 'muted')]];
  const head: Line = [
    state.stopping === undefined ? seg('● watching ', 'ok', { bold: true }) : seg(`■ stopping (${escapeForTerminal(state.stopping)}) `, 'warning', { bold: true }),
    seg(`${elapsedText(status?.elapsedMs ?? 0)} │ `, 'muted'),
    seg(`${SYMBOL.error} ${c.error} `, c.error ? 'error' : 'muted', { bold: c.error > 0 }),
    seg(`${SYMBOL.warning} ${c.warning} `, c.warning ? 'warning' : 'muted'),
    seg(`${SYMBOL.info} ${c.info}`, c.info ? 'info' : 'muted'),
    seg(` │ ${compactCount(status?.processed ?? 0)} frames checked`, 'muted'),
    ...(status && status.pending > 0 ? [seg(`, ${compactCount(status.pending)} waiting`, 'muted')] : []),
  ];
  const sources = state.sources.slice(0, MAX_SOURCE_LINES).map(sourceLine);
  const more = state.sources.length > MAX_SOURCE_LINES ? [[seg(`  … ${state.sources.length - MAX_SOURCE_LINES} more sources`, 'muted')]] : [];
  const waiting = status && status.waitingFor.length > 0
    ? [[seg(`  no capture from ${status.waitingFor.join(', ')} yet: checks that need it wait`, 'muted')]]
    : [];
  const keys: Line = [seg(state.stopping === undefined ? '  q stop' : '  stopping the sources…', 'muted')];
  return [head, ...sources, ...more, ...waiting, keys];
}
