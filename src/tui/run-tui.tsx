// Mounts the TUI on the command's terminal and resolves when the user quits. The screen is
// switched to the terminal's alternate buffer, so quitting restores what was there before.

import { EventEmitter } from 'node:events';
import { render } from 'ink';
import type { CliIo, TextSink } from '../cli/cli-io.js';
import type { ReportJson } from '../report/report-types.js';
import { App } from './app.js';
import { colorFromEnv } from './theme.js';

const ALT_SCREEN_ON = '\u001b[?1049h';
const ALT_SCREEN_OFF = '\u001b[?1049l';
const SHOW_CURSOR = '\u001b[?25h';
const RESIZE_POLL_MS = 250;
const FALLBACK = { columns: 80, rows: 24 } as const;

/** The TUI needs a terminal on both ends and is never used in CI. */
export function canRunTui(io: CliIo): boolean {
  const stdin = io.stdin as Partial<NodeJS.ReadStream>;
  const ci = io.env.CI;
  return io.stdout.isTTY && stdin.isTTY === true && typeof stdin.setRawMode === 'function' && (ci === undefined || ci === '' || ci === 'false' || ci === '0');
}

type TerminalOut = EventEmitter & { write(text: string): boolean; readonly columns: number; readonly rows: number; readonly isTTY: boolean };

/** What Ink needs from stdout, on top of a TextSink; 'resize' is emitted by the caller. */
function terminalOut(sink: TextSink): TerminalOut {
  const out = new EventEmitter() as TerminalOut;
  Object.defineProperties(out, {
    write: { value: (text: string) => { sink.write(text); return true; } },
    columns: { get: () => sink.columns ?? FALLBACK.columns },
    rows: { get: () => sink.rows ?? FALLBACK.rows },
    isTTY: { get: () => sink.isTTY },
  });
  return out;
}

export async function runTui(report: ReportJson, io: CliIo): Promise<void> {
  const stdout = terminalOut(io.stdout);
  const color = colorFromEnv(io.env);
  let size = { columns: stdout.columns, rows: stdout.rows };
  const stdin = io.stdin as NodeJS.ReadStream;
  // Raw mode before the first frame: keys typed while Ink starts are kept for it, not echoed
  // onto the screen or held in the terminal's line buffer.
  const raw = stdin.isTTY === true && typeof stdin.setRawMode === 'function';
  if (raw) stdin.setRawMode(true);
  io.stdout.write(ALT_SCREEN_ON);
  const instance = render(<App report={report} columns={size.columns} rows={size.rows} color={color} />, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stdin,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  // A TextSink has no resize event, so the size is polled; Ink re-measures on 'resize'.
  const poll = setInterval(() => {
    if (stdout.columns === size.columns && stdout.rows === size.rows) return;
    size = { columns: stdout.columns, rows: stdout.rows };
    stdout.emit('resize');
    instance.rerender(<App report={report} columns={size.columns} rows={size.rows} color={color} />);
  }, RESIZE_POLL_MS);
  poll.unref();
  try {
    await instance.waitUntilExit();
  } finally {
    clearInterval(poll);
    instance.cleanup();
    if (raw) stdin.setRawMode(false);
    io.stdout.write(`${ALT_SCREEN_OFF}${SHOW_CURSOR}`);
  }
}
