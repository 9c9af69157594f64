import type { CliIo } from '../cli-io.js';
import type { ExitCode } from '../exit-codes.js';
import { decodeCommand } from './decode.js';

type Command = {
  readonly summary: string;
  readonly run: (argv: readonly string[], io: CliIo) => Promise<ExitCode>;
};

export const COMMANDS = {
  decode: { summary: 'print one record per frame (jsonl or table): what lvs-doctor sees', run: decodeCommand },
} as const satisfies Record<string, Command>;

export type CommandName = keyof typeof COMMANDS;
