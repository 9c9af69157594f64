// Runs the CLI in-process on an in-memory CliIo and checks what every run must satisfy,
// whatever the input: a known exit code, stderr lines escaped, one line per unreadable file.

import { run } from '../../src/cli/main.js';
import { fakeIo } from '../support/fake-io.js';
import { checkTerminalText } from '../fuzz/invariants.js';

export type CliOutcome = {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
};

export async function runCli(argv: readonly string[], options: { readonly tty?: boolean; readonly cwd?: string } = {}): Promise<CliOutcome> {
  const io = fakeIo({ ...(options.tty === undefined ? {} : { tty: options.tty }), ...(options.cwd === undefined ? {} : { cwd: options.cwd }) });
  const started = performance.now();
  const code = await run(argv, io);
  return { code, stdout: io.stdout.text(), stderr: io.stderr.text(), ms: performance.now() - started };
}

export function stderrLines(o: CliOutcome): string[] {
  return o.stderr.split('\n').filter((l) => l !== '');
}

/** `lvs-doctor: FILE: byte N: message`, FILE escaped as the CLI prints it. */
export const CAPTURE_ERROR_LINE = /^lvs-doctor: (.+): byte (\d+): (.+)$/;

/** Throws unless stderr is clean text and the exit code is 0, 1 or 2. */
export function checkOutcome(where: string, o: CliOutcome): void {
  if (o.code !== 0 && o.code !== 1 && o.code !== 2) throw new Error(`${where}: exit code ${o.code}`);
  checkTerminalText(`${where} stderr`, o.stderr);
}
