// A one-line progress display on stderr while large captures are read: the file being read,
// frames, frames/s, MB/s and an ETA when the total size is known. (No count of files done: the
// captures are read side by side in time order and end together.) Redrawn at most 10 times a second with `\r`
// and erase-line, kept shorter than the terminal so it never wraps. The caller decides
// `enabled` (stderr is a TTY and --quiet was not given); disabled, it writes nothing at all.

import type { TextSink } from '../cli/cli-io.js';
import { escapeForTerminal } from './escape.js';

export type ProgressOptions = {
  readonly enabled: boolean;
  /** Sum of the sizes of all inputs, when known (regular files); enables the ETA. */
  readonly totalBytes?: number;
  /** Milliseconds between redraws; 100 by default. */
  readonly intervalMs?: number;
  /** Clock in milliseconds, injectable for tests. */
  readonly now?: () => number;
};

export type ProgressUpdate = {
  readonly file: string;
  /** The name shown, when not `file`: a rotated capture's file being read. */
  readonly showing?: string;
  /** Bytes read so far from this file. */
  readonly bytesRead: number;
  /** Frames read so far from this file. */
  readonly frames: number;
};

export type Progress = {
  update(update: ProgressUpdate): void;
  /** Erases the line; call once when reading is over. */
  done(): void;
};

const ERASE_LINE = '\r\u001b[2K';
const NOOP: Progress = { update() {}, done() {} };

function compact(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(1)}G`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)}M`;
  if (n >= 1e4) return `${Math.round(n / 1e3)}k`;
  return String(Math.round(n));
}

function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}

export type ProgressLine = {
  readonly file: string;
  readonly frames: number;
  readonly bytes: number;
  readonly totalBytes?: number;
  readonly elapsedSeconds: number;
};

const FILE_WIDTH = 40;

/** A long path loses its beginning, never its file name: `…/captures/director.pcap`. */
function fileText(file: string): string {
  const chars = Array.from(file);
  const shown = chars.length > FILE_WIDTH ? `…${chars.slice(chars.length - (FILE_WIDTH - 1)).join('')}` : file;
  return escapeForTerminal(shown, Infinity);
}

/** The text of the line, without the erase sequence; pure for tests. */
export function progressText(p: ProgressLine): string {
  const parts = [`reading ${fileText(p.file)}`];
  parts.push(`${compact(p.frames)} frames`);
  if (p.elapsedSeconds > 0) {
    parts.push(`${compact(p.frames / p.elapsedSeconds)} frames/s`);
    parts.push(`${(p.bytes / 1e6 / p.elapsedSeconds).toFixed(1)} MB/s`);
  }
  if (p.totalBytes !== undefined && p.totalBytes > 0) {
    const share = Math.min(1, p.bytes / p.totalBytes);
    parts.push(`${Math.floor(share * 100)}%`);
    if (p.elapsedSeconds > 0 && p.bytes > 0) parts.push(`ETA ${duration((p.elapsedSeconds / p.bytes) * (p.totalBytes - p.bytes))}`);
  }
  return parts.join('  ');
}

export function createProgress(sink: TextSink, options: ProgressOptions): Progress {
  if (!options.enabled) return NOOP;
  const now = options.now ?? Date.now;
  const interval = options.intervalMs ?? 100;
  const started = now();
  const perFile = new Map<string, { bytes: number; frames: number }>();
  let lastDraw = -Infinity;
  let drawn = false;
  let current = '';

  function draw(): void {
    let bytes = 0;
    let frames = 0;
    for (const f of perFile.values()) { bytes += f.bytes; frames += f.frames; }
    const text = progressText({
      file: current,
      frames,
      bytes,
      ...(options.totalBytes === undefined ? {} : { totalBytes: options.totalBytes }),
      elapsedSeconds: (now() - started) / 1000,
    });
    const width = Math.max(20, (sink.columns ?? 80) - 1);
    sink.write(`${ERASE_LINE}${[...text].slice(0, width).join('')}`);
    drawn = true;
  }

  return {
    update({ file, showing, bytesRead, frames }) {
      current = showing ?? file;
      perFile.set(file, { bytes: bytesRead, frames });
      const t = now();
      if (t - lastDraw < interval) return;
      lastDraw = t;
      draw();
    },
    done() {
      if (drawn) sink.write(ERASE_LINE);
      drawn = false;
    },
  };
}
