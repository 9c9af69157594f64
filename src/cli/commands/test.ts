// `lvs-doctor test DIR...`: replays recorded deployments (captures + expected.json) and fails
// when the findings differ. This is how a deployment's captures become a CI check.

import { parseArgs } from 'node:util';
import { findingKey } from '../../analyze/expectations.js';
import { replayFixture, updateExpectations } from '../../analyze/replay-fixture.js';
import { escapeForTerminal } from '../../report/escape.js';
import { type CliIo, writeOut } from '../cli-io.js';
import { ExitCode } from '../exit-codes.js';
import { usageError } from '../usage.js';

export const TEST_USAGE = 'usage: lvs-doctor test DIR... [--update]   (each DIR holds captures and expected.json)';

export async function testCommand(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, options: { update: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } } });
  } catch (err) {
    return usageError(io, (err as Error).message, TEST_USAGE);
  }
  if (parsed.values.help) { io.stdout.write(`${TEST_USAGE}\n`); return ExitCode.Ok; }
  if (parsed.positionals.length === 0) return usageError(io, 'no fixture folder given', TEST_USAGE);
  let passed = 0, failed = 0, errors = 0;
  for (const dir of parsed.positionals) {
    const name = escapeForTerminal(dir);
    const outcome = await replayFixture(dir, io.cwd);
    if (outcome.kind === 'error') {
      errors++;
      io.stderr.write(`lvs-doctor: ${name}: ${escapeForTerminal(outcome.message)}\n`);
      continue;
    }
    const { missing, unexpected } = outcome.comparison;
    if (missing.length === 0 && unexpected.length === 0) { passed++; await writeOut(io.stdout, `ok    ${name}\n`); continue; }
    if (parsed.values.update) {
      await updateExpectations(dir, outcome.report);
      passed++;
      await writeOut(io.stdout, `updated ${name}\n`);
      continue;
    }
    failed++;
    let text = `FAIL  ${name}\n`;
    for (const m of missing) text += `  missing     ${escapeForTerminal(findingKey(m))}\n`;
    for (const u of unexpected) text += `  unexpected  ${escapeForTerminal(findingKey(u))}\n`;
    await writeOut(io.stdout, text);
  }
  await writeOut(io.stdout, `${passed} passed, ${failed} failed${errors ? `, ${errors} could not be read` : ''}\n`);
  if (errors) return ExitCode.Error;
  return failed ? ExitCode.Findings : ExitCode.Ok;
}
