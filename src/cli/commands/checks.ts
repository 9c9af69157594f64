// `lvs-doctor checks [--format table|json]`: every registered check with its id, default
// severity and title.

import { parseArgs } from 'node:util';
import type { CheckMeta } from '../../checks/check-meta.js';
import { escapeForTerminal, safeJsonStringify } from '../../report/escape.js';
import { writeOut, type CliIo } from '../cli-io.js';
import { ExitCode } from '../exit-codes.js';
import { usageError } from '../usage.js';
import { DEFAULT_SOURCE } from './explain.js';

export const CHECKS_USAGE = 'usage: lvs-doctor checks [--format table|json]';

export function checksTable(checks: readonly CheckMeta[]): string {
  const idWidth = Math.max(5, ...checks.map((c) => c.id.length));
  const head = `${'CHECK'.padEnd(idWidth)}  SEVERITY  TITLE`;
  const rows = checks.map((c) => `${escapeForTerminal(c.id).padEnd(idWidth)}  ${c.severity.padEnd(8)}  ${escapeForTerminal(c.title)}`);
  return `${[head, ...rows].join('\n')}\n`;
}

export function createChecksCommand(checks: readonly CheckMeta[] = DEFAULT_SOURCE.checks) {
  return async function checksCommand(argv: readonly string[], io: CliIo): Promise<ExitCode> {
    let parsed;
    try {
      parsed = parseArgs({
        args: [...argv],
        options: { format: { type: 'string', default: 'table' }, help: { type: 'boolean', short: 'h' } },
      });
    } catch (err) {
      return usageError(io, (err as Error).message, CHECKS_USAGE);
    }
    if (parsed.values.help) { io.stdout.write(`${CHECKS_USAGE}\n`); return ExitCode.Ok; }
    const format = parsed.values.format;
    if (format === 'json') {
      const list = checks.map(({ id, severity, title, summary, why, fix, docs }) => ({ id, severity, title, summary, why, fix, docs }));
      await writeOut(io.stdout, `${safeJsonStringify(list, 2)}\n`);
      return ExitCode.Ok;
    }
    if (format !== 'table') return usageError(io, `unknown format '${format}'`, CHECKS_USAGE);
    await writeOut(io.stdout, checksTable(checks));
    return ExitCode.Ok;
  };
}

export const checksCommand = createChecksCommand();
