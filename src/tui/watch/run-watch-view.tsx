// Mounts the live view on the command's terminal (no alternate screen: the findings log stays
// in the scrollback) and turns session events into view actions. close() unmounts it after a
// last render, so the final status stays on screen above the report.

import { EventEmitter } from 'node:events';
import { render } from 'ink';
import type { CliIo, TextSink } from '../../cli/cli-io.js';
import type { WatchListener } from '../../live/watch-session.js';
import { colorFromEnv } from '../theme.js';
import { createWatchFeed } from './watch-feed.js';
import { WatchApp } from './watch-app.js';

const RESIZE_POLL_MS = 250;
const FALLBACK_COLUMNS = 80;

export type WatchView = {
  readonly listener: WatchListener;
  close(): Promise<void>;
};

export type WatchViewOptions = {
  /** Called when the operator presses q or Ctrl-C. */
  readonly onStop: () => void;
  /** Stdin carries a capture (--read NAME=-): keys are not read from it. */
  readonly stdinIsCapture: boolean;
};

type TerminalOut = EventEmitter & { write(text: string): boolean; readonly columns: number; readonly rows: number; readonly isTTY: boolean };

function terminalOut(sink: TextSink): TerminalOut {
  const out = new EventEmitter() as TerminalOut;
  Object.defineProperties(out, {
    write: { value: (text: string) => { sink.write(text); return true; } },
    columns: { get: () => sink.columns ?? FALLBACK_COLUMNS },
    rows: { get: () => sink.rows ?? 24 },
    isTTY: { get: () => sink.isTTY },
  });
  return out;
}

/** A stdin Ink can hold without reading anything. */
function idleStdin(): NodeJS.ReadStream {
  const s = new EventEmitter() as EventEmitter & Record<string, unknown>;
  Object.assign(s, { isTTY: false, setRawMode() {}, setEncoding() {}, resume() {}, pause() {}, ref() {}, unref() {}, read: () => null });
  return s as unknown as NodeJS.ReadStream;
}

export function startWatchView(io: CliIo, options: WatchViewOptions): WatchView {
  const stdout = terminalOut(io.stdout);
  const stdin = io.stdin as Partial<NodeJS.ReadStream>;
  const keys = !options.stdinIsCapture && stdin.isTTY === true && typeof stdin.setRawMode === 'function';
  const color = colorFromEnv(io.env);
  const feed = createWatchFeed();
  let columns = stdout.columns;
  const app = (c: number) => <WatchApp feed={feed} columns={c} color={color} keys={keys} onStop={options.onStop} />;
  const instance = render(app(columns), {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stdin: keys ? (io.stdin as unknown as NodeJS.ReadStream) : idleStdin(),
    exitOnCtrlC: false,
    patchConsole: false,
  });
  const poll = setInterval(() => {
    if (stdout.columns === columns) return;
    columns = stdout.columns;
    stdout.emit('resize');
    instance.rerender(app(columns));
  }, RESIZE_POLL_MS);
  poll.unref();
  const listener: WatchListener = {
    started: (sources) => feed.push({ type: 'started', sources }),
    warning: (text) => feed.push({ type: 'warning', text }),
    finding: (finding) => feed.push({ type: 'finding-added', finding }),
    status: (status) => feed.push({ type: 'status-updated', status }),
    sourceEnded: (name, end) => feed.push({ type: 'source-ended', name, end, at: Date.now() }),
    stopping: (reason) => feed.push({ type: 'stopping', reason }),
  };
  return {
    listener,
    async close() {
      clearInterval(poll);
      // Let the last actions render before unmounting.
      await new Promise((resolve) => setTimeout(resolve, 50));
      instance.unmount();
      await instance.waitUntilExit();
      instance.cleanup();
    },
  };
}
