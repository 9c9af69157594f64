// Replays a fixture folder: its captures (and configuration arguments) through the analysis,
// compared with its expected.json. Used by `lvs-doctor test` and the project's own tests.

import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { ReportJson } from '../report/report-types.js';
import { compareFindings, expectedOf, uniqueExpected, type Comparison, type Expectations } from './expectations.js';
import { CAPTURE_FILE_NAME } from './capture-directories.js';
import { runAnalysis } from './run-analysis.js';

export const EXPECTATIONS_FILE = 'expected.json';

export type FixtureOutcome =
  | { readonly kind: 'compared'; readonly dir: string; readonly comparison: Comparison; readonly report: ReportJson }
  | { readonly kind: 'error'; readonly dir: string; readonly message: string };

async function captureFilesOf(dir: string, expectations: Expectations): Promise<string[]> {
  if (expectations.captures) return expectations.captures.map((c) => join(dir, c));
  const names = (await readdir(dir)).filter((n) => CAPTURE_FILE_NAME.test(n)).sort();
  return names.map((n) => join(dir, n));
}

function configArgs(dir: string, args: readonly string[]) {
  const { values } = parseArgs({
    args: [...args], allowPositionals: false,
    options: {
      ipvsadm: { type: 'string', multiple: true, default: [] },
      keepalived: { type: 'string', multiple: true, default: [] },
      topology: { type: 'string', multiple: true, default: [] },
      role: { type: 'string', multiple: true, default: [] },
    },
  });
  const rel = (p: string) => join(dir, p);
  return {
    ipvsadm: values.ipvsadm.map(rel), keepalived: values.keepalived.map(rel), topology: values.topology.map(rel),
    roles: values.role.map((r) => { const i = r.indexOf('='); return i < 0 ? r : `${r.slice(0, i)}=${rel(r.slice(i + 1))}`; }),
  };
}

export async function readExpectations(dir: string): Promise<Expectations> {
  return JSON.parse(await readFile(join(dir, EXPECTATIONS_FILE), 'utf8')) as Expectations;
}

export async function replayFixture(dir: string, cwd: string): Promise<FixtureOutcome> {
  let expectations: Expectations;
  try {
    expectations = await readExpectations(dir);
  } catch (err) {
    return { kind: 'error', dir, message: `cannot read ${join(dir, EXPECTATIONS_FILE)}: ${(err as Error).message}` };
  }
  let config;
  try {
    config = configArgs(dir, expectations.args ?? []);
  } catch (err) {
    return { kind: 'error', dir, message: `bad "args" in ${EXPECTATIONS_FILE}: ${(err as Error).message}` };
  }
  const files = await captureFilesOf(dir, expectations);
  const outcome = await runAnalysis({ files, ...config, cwd });
  if (!outcome.ok) return { kind: 'error', dir, message: outcome.errors.join('; ') };
  if (outcome.inputErrors.length) {
    return { kind: 'error', dir, message: outcome.inputErrors.map((e) => `${e.file}: byte ${e.error.offset}: ${e.error.message}`).join('; ') };
  }
  return { kind: 'compared', dir, comparison: compareFindings(expectations.findings, outcome.report), report: outcome.report };
}

/** Rewrites the folder's expectations with what the analysis found (keeps description, args, captures). */
export async function updateExpectations(dir: string, report: ReportJson): Promise<void> {
  const current = await readExpectations(dir).catch(() => ({ findings: [] }) as Expectations);
  const next: Expectations = { ...current, findings: uniqueExpected(report.findings.map(expectedOf)) };
  await writeFile(join(dir, EXPECTATIONS_FILE), `${JSON.stringify(next, null, 2)}\n`);
}
