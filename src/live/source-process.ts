// A child process behind a source: its own process group (so the terminal's Ctrl-C reaches
// only `watch`, which then stops sources in order, and stopping kills the whole pipeline of a
// remote command), a bounded stderr tail, and an exit that can always be awaited.

import type { ChildProcess } from 'node:child_process';
import { createStderrTail } from './stderr-tail.js';

export type ProcessExit = { readonly code: number | null; readonly signal: NodeJS.Signals | null };

export type SourceProcess = {
  readonly child: ChildProcess;
  /** Resolves when the process has exited (or could not be started). */
  readonly exited: Promise<ProcessExit>;
  readonly exit: ProcessExit | undefined;
  stderr(): string;
  /** SIGTERM to the group, SIGKILL after `graceMs`; resolves once it has exited. */
  stop(graceMs?: number): Promise<void>;
};

const STOP_GRACE_MS = 2000;
const KILL_WAIT_MS = 1000;

export function describeExit(exit: ProcessExit): string {
  if (exit.signal) return `was killed by ${exit.signal}`;
  return `exited with status ${exit.code ?? 'unknown'}`;
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Not a group leader (or already gone): signal the process itself.
    try { child.kill(signal); } catch { /* already gone */ }
  }
}

function within(p: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    void p.then(() => { clearTimeout(timer); resolve(); });
  });
}

export function superviseProcess(child: ChildProcess): SourceProcess {
  const tail = createStderrTail();
  child.stderr?.on('data', (chunk: Buffer) => tail.push(chunk));
  let exit: ProcessExit | undefined;
  const exited = new Promise<ProcessExit>((resolve) => {
    child.once('exit', (code, signal) => { exit = { code, signal }; resolve(exit); });
    child.once('error', (err: NodeJS.ErrnoException) => {
      // spawn failed: there is no process to wait for.
      if (child.pid === undefined) {
        tail.push(Buffer.from(`${err.code ?? 'error'}: ${err.message}\n`));
        exit = { code: 127, signal: null };
        resolve(exit);
      }
    });
  });
  return {
    child,
    exited,
    get exit() { return exit; },
    stderr: () => tail.text(),
    async stop(graceMs = STOP_GRACE_MS) {
      if (exit) return;
      signalGroup(child, 'SIGTERM');
      await within(exited, graceMs);
      if (exit) return;
      signalGroup(child, 'SIGKILL');
      await within(exited, KILL_WAIT_MS);
    },
  };
}
