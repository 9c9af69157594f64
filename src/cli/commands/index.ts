import type { CliIo } from '../cli-io.js';
import type { ExitCode } from '../exit-codes.js';
import { analyzeCommand } from './analyze.js';
import { checksCommand } from './checks.js';
import { decodeCommand } from './decode.js';
import { explainCommand } from './explain.js';
import { testCommand } from './test.js';
import { watchCommand } from './watch.js';

type Command = {
  readonly summary: string;
  readonly run: (argv: readonly string[], io: CliIo) => Promise<ExitCode>;
};

export const COMMANDS = {
  analyze: { summary: 'check captures from client, director and real servers against the DR invariants', run: analyzeCommand },
  test: { summary: 'replay recorded deployments (captures + expected.json) and fail when findings differ', run: testCommand },
  decode: { summary: 'print one record per frame (jsonl or table): what lvs-doctor sees', run: decodeCommand },
  watch: { summary: 'live diagnosis on local interfaces, remote capture commands and running streams', run: watchCommand },
  checks: { summary: 'list the checks: id, default severity, title (--format json too)', run: checksCommand },
  explain: { summary: 'show the doc page of a check: what it detects, why it matters, the fix', run: explainCommand },
} as const satisfies Record<string, Command>;

export type CommandName = keyof typeof COMMANDS;
