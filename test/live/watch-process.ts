// `lvs-doctor watch` as a child process: its output collected as it comes, and every wait
// bounded, so a test that goes wrong fails with what the process said instead of hanging.

import type { ChildProcess } from 'node:child_process';

export type WatchProcess = {
  readonly child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the first stderr match of `pattern` (searching everything written so far). */
  waitForStderr(pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray>;
  exited(timeoutMs: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
};

export function watchProcess(child: ChildProcess): WatchProcess {
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => { out += d.toString('utf8'); });
  child.stderr?.on('data', (d: Buffer) => { err += d.toString('utf8'); });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  const describe = () => `stderr so far:\n${err}`;
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    async waitForStderr(pattern, timeoutMs) {
      const end = Date.now() + timeoutMs;
      for (;;) {
        const m = pattern.exec(err);
        if (m) return m;
        if (Date.now() > end) throw new Error(`no ${pattern} on stderr within ${timeoutMs} ms; ${describe()}`);
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`watch exited before ${pattern}; ${describe()}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async exited(timeoutMs) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`watch did not exit within ${timeoutMs} ms; ${describe()}`)); }, timeoutMs);
      });
      try {
        return await Promise.race([exit, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
