import type { CliIo } from '../cli-io.js';
import type { ExitCode } from '../exit-codes.js';

// Each command's modules load when it runs: start-up is part of every analysis, and `analyze`
// need not compile the live-capture code of `watch`.
const analyzeCommand: Command['run'] = async (argv, io) => (await import('./analyze.js')).analyzeCommand(argv, io);
const testCommand: Command['run'] = async (argv, io) => (await import('./test.js')).testCommand(argv, io);
const decodeCommand: Command['run'] = async (argv, io) => (await import('./decode.js')).decodeCommand(argv, io);
const watchCommand: Command['run'] = async (argv, io) => (await import('./watch.js')).watchCommand(argv, io);
const checksCommand: Command['run'] = async (argv, io) => (await import('./checks.js')).checksCommand(argv, io);
const explainCommand: Command['run'] = async (argv, io) => (await import('./explain.js')).explainCommand(argv, io);

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
