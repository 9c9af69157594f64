// One analysis from file names and options to a report: what `analyze`, `test` and
// programmatic users call.

import type { CaptureError } from '../io/capture-error.js';
import { CHECKS } from '../checks/registry.js';
import type { AnyCheck } from '../checks/check-api.js';
import type { ReportJson } from '../report/report-types.js';
import { buildReport } from './build-report.js';
import { openInputs } from './capture-inputs.js';
import type { CaptureSource } from './capture-source.js';
import { analyzeCaptures } from './engine.js';
import { loadConfiguredTopology, type ConfigurationOptions } from './load-configuration.js';

export type AnalysisRequest = ConfigurationOptions & {
  readonly files: readonly string[];
  readonly cwd: string;
  readonly stdin?: NodeJS.ReadableStream & AsyncIterable<Uint8Array>;
  readonly checks?: readonly AnyCheck[];
  readonly onProgress?: (sources: readonly CaptureSource[]) => void;
};

export type AnalysisOutcome =
  | { readonly ok: true; readonly report: ReportJson; readonly inputErrors: readonly { readonly file: string; readonly error: CaptureError }[]; readonly notes: readonly string[] }
  | { readonly ok: false; readonly errors: readonly string[] };

export async function runAnalysis(req: AnalysisRequest): Promise<AnalysisOutcome> {
  const config = await loadConfiguredTopology(req, req.cwd);
  if (!config.ok) return { ok: false, errors: config.errors };
  const stdin = req.stdin ?? (process.stdin as NodeJS.ReadableStream & AsyncIterable<Uint8Array>);
  const inputs = await openInputs(req.files, config.roles, stdin);
  const result = await analyzeCaptures(inputs, {
    config: config.value, checks: req.checks ?? CHECKS, ...(req.onProgress ? { onProgress: req.onProgress } : {}),
  });
  // A file read as several interfaces fails once, not once per interface.
  const inputErrors = inputs.flatMap((i, k) => (i.reader.error && !inputs.slice(0, k).some((j) => j.file === i.file) ? [{ file: i.file, error: i.reader.error }] : []));
  return { ok: true, report: buildReport(result), inputErrors, notes: config.notes };
}
