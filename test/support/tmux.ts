// Drives a real program in a detached tmux session of a fixed size: send keys, read the
// screen, poll until it shows what is expected. Each session gets its own tmux server
// (socket), so tests never touch a user's tmux.

import { execFileSync } from 'node:child_process';
import { requireCommand } from './external-tools.js';

export const tmuxRequirement = requireCommand('tmux');

export type TmuxOptions = {
  readonly columns?: number;
  readonly rows?: number;
  /** Variables to set for the program; `undefined` unsets one (e.g. CI, which changes Ink's output). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly cwd?: string;
};

export type TmuxSession = {
  /** tmux key names (Enter, Tab, Escape, BTab, PageDown, C-c) or literal keys (j, q, ?). */
  send(...keys: string[]): void;
  /** Types text literally. */
  type(text: string): void;
  screen(): string;
  waitFor(predicate: (screen: string) => boolean, timeoutMs?: number): Promise<string>;
  kill(): void;
};

let counter = 0;

function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

export function startTmux(command: readonly string[], options: TmuxOptions = {}): TmuxSession {
  const socket = `lvsd-e2e-${process.pid}-${++counter}`;
  const target = 'e2e';
  const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
  const unset = Object.entries(options.env ?? {}).filter(([, v]) => v === undefined).map(([k]) => `-u ${shellQuote(k)}`);
  const set = Object.entries(options.env ?? {}).filter(([, v]) => v !== undefined).map(([k, v]) => shellQuote(`${k}=${v}`));
  // Keep the pane open after the program ends so its last output and exit status can be read.
  const line = `env ${[...unset, ...set].join(' ')} ${command.map(shellQuote).join(' ')}; echo "[exit $?]"; sleep 600`;
  tmux('-f', '/dev/null', 'new-session', '-d', '-s', target, '-x', String(options.columns ?? 80), '-y', String(options.rows ?? 24),
    ...(options.cwd ? ['-c', options.cwd] : []), line);
  const screen = () => tmux('capture-pane', '-p', '-t', target);
  return {
    send: (...keys) => { for (const key of keys) tmux('send-keys', '-t', target, key); },
    type: (text) => { tmux('send-keys', '-t', target, '-l', text); },
    screen,
    async waitFor(predicate, timeoutMs = 10_000) {
      const end = Date.now() + timeoutMs;
      let last = '';
      for (;;) {
        last = screen();
        if (predicate(last)) return last;
        if (Date.now() > end) throw new Error(`the screen never showed what was expected; last screen:\n${last}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    kill: () => { try { tmux('kill-server'); } catch { /* already gone */ } },
  };
}
