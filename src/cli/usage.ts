import type { CliIo } from './cli-io.js';
import { ExitCode } from './exit-codes.js';
import { escapeForTerminal } from '../report/escape.js';

export function usageError(io: CliIo, message: string, usage: string): ExitCode {
  io.stderr.write(`lvs-doctor: ${escapeForTerminal(message)}\n${usage}\n`);
  return ExitCode.Error;
}
