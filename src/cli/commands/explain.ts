// `lvs-doctor explain CHECK-ID`: prints the check's doc page. An unknown id is a usage error
// (exit 2) that lists the closest known ids.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { CheckMeta } from '../../checks/check-meta.js';
import { CHECKS } from '../../checks/registry.js';
import { escapeForTerminal } from '../../report/escape.js';
import { writeOut, type CliIo } from '../cli-io.js';
import { ExitCode } from '../exit-codes.js';
import { PACKAGE_ROOT } from '../package-root.js';
import { similarIds } from '../suggest.js';
import { usageError } from '../usage.js';

export const EXPLAIN_USAGE = 'usage: lvs-doctor explain CHECK-ID   (`lvs-doctor checks` lists the ids)';

export type CheckCatalogSource = {
  readonly checks: readonly CheckMeta[];
  /** Directory the checks' `docs` paths are relative to. */
  readonly root: string;
};

export const DEFAULT_SOURCE: CheckCatalogSource = { checks: CHECKS.map((c) => c.meta), root: PACKAGE_ROOT };

/** Doc pages are ours, but shown on a terminal all the same: nothing in them is executed. */
export function terminalSafeText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => escapeForTerminal(line.replace(/\t/g, '    '), Number.MAX_SAFE_INTEGER))
    .join('\n');
}

/** Stands in for a missing doc page, from the check's metadata. */
function pageFromMeta(meta: CheckMeta): string {
  return [`# ${meta.id}: ${meta.title}`, '', meta.summary, '', '## Why it matters', '', meta.why, '', '## Fix', '', meta.fix, ''].join('\n');
}

export function createExplainCommand(source: CheckCatalogSource = DEFAULT_SOURCE) {
  return async function explainCommand(argv: readonly string[], io: CliIo): Promise<ExitCode> {
    let parsed;
    try {
      parsed = parseArgs({ args: [...argv], allowPositionals: true, options: { help: { type: 'boolean', short: 'h' } } });
    } catch (err) {
      return usageError(io, (err as Error).message, EXPLAIN_USAGE);
    }
    if (parsed.values.help) { io.stdout.write(`${EXPLAIN_USAGE}\n`); return ExitCode.Ok; }
    const [id, ...extra] = parsed.positionals;
    if (id === undefined) return usageError(io, 'no check id given', EXPLAIN_USAGE);
    if (extra.length > 0) return usageError(io, 'explain takes one check id', EXPLAIN_USAGE);

    const meta = source.checks.find((c) => c.id === id);
    if (!meta) {
      const ids = source.checks.map((c) => c.id);
      const similar = similarIds(id, ids);
      const hint = similar.length > 0 ? `did you mean: ${similar.join(', ')}?` : 'run `lvs-doctor checks` to list the check ids';
      io.stderr.write(`lvs-doctor: unknown check '${escapeForTerminal(id)}'; ${hint}\n`);
      return ExitCode.Error;
    }
    let page: string;
    try {
      page = await readFile(path.join(source.root, meta.docs), 'utf8');
    } catch {
      io.stderr.write(`lvs-doctor: note: ${escapeForTerminal(meta.docs)} is missing from this installation; showing the check's summary\n`);
      page = pageFromMeta(meta);
    }
    await writeOut(io.stdout, `${terminalSafeText(page).trimEnd()}\n`);
    return ExitCode.Ok;
  };
}

export const explainCommand = createExplainCommand();
