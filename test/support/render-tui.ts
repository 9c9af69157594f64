// Renders an Ink tree on fake streams of a fixed size and polls for frames, so TUI tests
// assert on what a person would see (ANSI stripped) without sleeping.

import { EventEmitter } from 'node:events';
import { render } from 'ink';
import type { ReactElement } from 'react';

export const KEY = {
  down: '\u001b[B',
  up: '\u001b[A',
  pageDown: '\u001b[6~',
  pageUp: '\u001b[5~',
  enter: '\r',
  tab: '\t',
  shiftTab: '\u001b[Z',
  escape: '\u001b',
  backspace: '\u007f',
  ctrlC: '\u0003',
} as const;

const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

class FakeStdout extends EventEmitter {
  last = '';
  raw = '';
  readonly isTTY = true;
  readonly columns: number;
  readonly rows: number;
  constructor(columns: number, rows: number) { super(); this.columns = columns; this.rows = rows; }
  write = (text: string): boolean => { this.last = text; this.raw += text; return true; };
}

class FakeStdin extends EventEmitter {
  readonly isTTY = true;
  private data: string | null = null;
  write(data: string): void { this.data = data; this.emit('readable'); this.emit('data', data); }
  read = (): string | null => { const d = this.data; this.data = null; return d; };
  setEncoding(): void {}
  setRawMode(): void {}
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
}

export type TuiHandle = {
  /** The last frame, ANSI stripped. */
  frame(): string;
  /** The last frame as written, with styles. */
  rawFrame(): string;
  press(...keys: string[]): Promise<void>;
  waitFor(predicate: (frame: string) => boolean, timeoutMs?: number): Promise<string>;
  exited(): Promise<void>;
  unmount(): void;
};

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

export function renderTui(node: ReactElement, size: { columns: number; rows: number } = { columns: 80, rows: 24 }): TuiHandle {
  const stdout = new FakeStdout(size.columns, size.rows);
  const stdin = new FakeStdin();
  const instance = render(node, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stderr: new FakeStdout(size.columns, size.rows) as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    debug: true,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  const frame = () => stripAnsi(stdout.last);
  return {
    frame,
    rawFrame: () => stdout.last,
    async press(...keys) {
      for (const key of keys) {
        const before = stdout.raw.length;
        stdin.write(key);
        // Wait for the render the key caused (if any) before sending the next key.
        for (let i = 0; i < 20 && stdout.raw.length === before; i++) await tick();
      }
    },
    async waitFor(predicate, timeoutMs = 3000) {
      const end = Date.now() + timeoutMs;
      while (!predicate(frame())) {
        if (Date.now() > end) throw new Error(`frame never matched; last frame:\n${frame()}`);
        await tick();
      }
      return frame();
    },
    exited: () => instance.waitUntilExit() as Promise<void>,
    unmount: () => { instance.unmount(); instance.cleanup(); },
  };
}
