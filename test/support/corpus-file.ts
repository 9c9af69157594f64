// Public captures of the shared corpus (../shared/corpus), required under CI=true.

import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { runAnalysis } from '../../src/analyze/run-analysis.js';
import type { ReportJson } from '../../src/report/report-types.js';

const ROOT = resolve(import.meta.dirname, '../..');

export function corpusFile(path: string): string {
  return resolve(ROOT, '../shared/corpus', path);
}

/** Whether a test of `path` runs: always under CI=true (a missing file then fails it). */
export function corpusAvailable(path: string): boolean {
  return existsSync(corpusFile(path)) || process.env.CI === 'true';
}

export async function analyzeCorpusFile(path: string): Promise<ReportJson> {
  const outcome = await runAnalysis({ files: [corpusFile(path)], ipvsadm: [], keepalived: [], topology: [], roles: [], cwd: ROOT });
  if (!outcome.ok) throw new Error(outcome.errors.join('; '));
  if (outcome.inputErrors.length > 0) throw new Error(`${path}: ${outcome.inputErrors.map((e) => e.error.message).join('; ')}`);
  return outcome.report;
}
