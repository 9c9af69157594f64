// `run(argv, io)` is the whole CLI: it returns an exit code and writes results to stdout,
// progress and errors to stderr. bin.ts is the only place that touches `process`.

import type { CliIo } from './cli-io.js';
import { ExitCode } from './exit-codes.js';
import { COMMANDS, type CommandName } from './commands/index.js';
import { escapeForTerminal } from '../report/escape.js';
import { VERSION } from '../version.js';

function helpText(): string {
  const lines = [
    `lvs-doctor ${VERSION} — proves from packet captures whether an LVS Direct Routing deployment works`,
    '',
    'usage: lvs-doctor <command> [options]',
    '',
    'commands:',
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(9)} ${c.summary}`),
    '',
    'exit codes: 0 no finding at or above --fail-on, 1 findings, 2 usage or input error',
    'run `lvs-doctor <command> --help` for the options of a command',
  ];
  return `${lines.join('\n')}\n`;
}

function isCommand(name: string): name is CommandName {
  return Object.hasOwn(COMMANDS, name);
}

export async function run(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const [first, ...rest] = argv;
  if (first === undefined || first === 'help' || first === '--help' || first === '-h') {
    io.stdout.write(helpText());
    return first === undefined ? ExitCode.Error : ExitCode.Ok;
  }
  if (first === '--version' || first === '-V') {
    io.stdout.write(`${VERSION}\n`);
    return ExitCode.Ok;
  }
  if (!isCommand(first)) {
    io.stderr.write(`lvs-doctor: unknown command '${escapeForTerminal(first)}'\n`);
    io.stderr.write(helpText());
    return ExitCode.Error;
  }
  return COMMANDS[first].run(rest, io);
}
