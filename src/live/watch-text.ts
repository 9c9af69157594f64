// Wording shared by the plain progress lines and the live view. Every capture- or
// command-derived string is escaped here, once.

import { escapeForTerminal } from '../report/escape.js';
import type { LiveFinding } from './live-finding.js';
import type { SourceEnd } from './live-source.js';
import { compactCount, type SourceStatus, type WatchStatus } from './watch-status.js';

const SEVERITY_SYMBOL = { error: '✗', warning: '▲', info: '●' } as const;

export function findingText(f: LiveFinding): string {
  const verdict = f.verdict === 'inconclusive' ? ' (inconclusive)' : '';
  return `${SEVERITY_SYMBOL[f.severity]} ${f.severity}${verdict} ${f.check}: ${escapeForTerminal(f.message, 1024)}`;
}

export function sourceText(s: SourceStatus): string {
  const name = escapeForTerminal(s.name);
  if (s.state !== 'live') return `${name} ${s.state} (${compactCount(s.packets)} pkts)`;
  const drops = s.drops ? `, ${compactCount(s.drops)} dropped` : '';
  return `${name} ${compactCount(s.packets)} pkts ${compactCount(s.rate)}/s${drops}`;
}

export function elapsedText(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m}m${String(s % 60).padStart(2, '0')}s` : `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

export function statusText(status: WatchStatus): string {
  const waiting = status.waitingFor.length ? `; no capture from ${status.waitingFor.join(', ')} yet` : '';
  return `${elapsedText(status.elapsedMs)}: ${status.sources.map(sourceText).join(', ')}; ${compactCount(status.processed)} frames checked${waiting}`;
}

/** "rs2 failed: the command exited with status 1", escaped; stderr comes separately. */
export function sourceEndText(name: string, end: SourceEnd): string {
  return `${escapeForTerminal(name)} ${end.kind}: ${escapeForTerminal(end.reason, 1024)}`;
}

/** The last lines of a failed source's stderr, each escaped. */
export function stderrLines(stderr: string, max = 5): string[] {
  return stderr.split('\n').filter((l) => l.trim() !== '').slice(-max).map((l) => escapeForTerminal(l));
}
