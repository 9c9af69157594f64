// Small formatters shared by the reporters and the TUI. Every capture-derived string passes
// through `clean` before it is printed.

import { escapeForTerminal } from './escape.js';
import type { HostJson } from './report-types.js';

/** Escaped for a terminal; long enough for a finding's sentence. */
export function clean(text: string): string {
  return escapeForTerminal(text, 1024);
}

/** "rs1 192.0.2.11 02:00:00:00:02:11 (real-server)", escaped. */
export function hostText(host: HostJson): string {
  const parts = [host.name, host.ip, host.mac, ...(host.otherMacs ?? [])].filter((p): p is string => p !== undefined && p !== '');
  // A host without a name of its own is named by its address ("router 192.0.2.1"): say it once.
  const words = (host.name ?? '').split(' ');
  const unique = parts.filter((p, i) => parts.indexOf(p) === i && (i === 0 || !words.includes(p)));
  return clean(`${unique.join(' ')} (${host.role})`);
}

/** A capture's file name without its directories, escaped: short enough for a column. */
export function captureLabel(file: string): string {
  return clean(file.split(/[\\/]/).pop() || file);
}

/**
 * `file#frame` in at most `width` columns: a long file name (a rotated capture's
 * director_00003_20261207203000.pcap) loses its middle, never the frame number.
 */
export function frameLabel(file: string, frame: number, width: number): string {
  const name = [...captureLabel(file)];
  const tail = `#${frame}`;
  const room = width - tail.length;
  if (name.length <= room) return name.join('') + tail;
  if (room < 3) return tail;
  const head = Math.ceil((room - 1) / 2);
  return `${name.slice(0, head).join('')}…${name.slice(name.length - (room - 1 - head)).join('')}${tail}`;
}

/** UTC time of day with the fraction as given, e.g. "16:00:05.003120441". */
export function timeOfDay(ts: string): string {
  const m = /^(-?\d+)(\.\d+)?$/.exec(ts);
  if (!m) return clean(ts);
  const sec = Number(m[1]);
  // Beyond ±8.64e12 s a Date is invalid and toISOString throws; pcapng timestamps reach that.
  if (!Number.isSafeInteger(sec) || Math.abs(sec) > 8.64e12) return clean(ts);
  const iso = new Date(sec * 1000).toISOString();
  return `${iso.slice(11, 19)}${m[2] ?? ''}`;
}

/** Signed seconds, e.g. "+0.250318 s". */
export function offsetText(seconds: number): string {
  return `${seconds >= 0 ? '+' : '-'}${Math.abs(seconds).toFixed(6)} s`;
}
