// An in-memory CliIo: commands run in-process and tests read what they wrote.

import { Readable } from 'node:stream';
import type { CliIo, TextSink } from '../../src/cli/cli-io.js';

export type FakeSink = TextSink & { readonly text: () => string };

export function fakeSink(options: { isTTY?: boolean; columns?: number; rows?: number } = {}): FakeSink {
  const chunks: string[] = [];
  return {
    write: (text: string) => { chunks.push(text); return true; },
    isTTY: options.isTTY ?? false,
    ...(options.columns === undefined ? {} : { columns: options.columns }),
    ...(options.rows === undefined ? {} : { rows: options.rows }),
    text: () => chunks.join(''),
  };
}

export type FakeIo = CliIo & { readonly stdout: FakeSink; readonly stderr: FakeSink };

export function fakeIo(options: { env?: Record<string, string | undefined>; cwd?: string; stdin?: Uint8Array; tty?: boolean } = {}): FakeIo {
  const stdin = Readable.from(options.stdin ? [options.stdin] : []) as unknown as CliIo['stdin'];
  return {
    stdout: fakeSink({ isTTY: options.tty ?? false }),
    stderr: fakeSink({ isTTY: options.tty ?? false }),
    stdin,
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
  };
}
