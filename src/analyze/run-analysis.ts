// One analysis from file names and options to a report: what `analyze`, `test` and
// programmatic users call.

import type { CaptureError } from '../io/capture-error.js';
import { isSequenceReader } from '../io/read-sequence.js';
import { CHECKS } from '../checks/registry.js';
import type { AnyCheck } from '../checks/check-api.js';
import type { ReportJson } from '../report/report-types.js';
import { buildReport } from './build-report.js';
import { expandDirectories } from './capture-directories.js';
import { openInputs } from './capture-inputs.js';
import type { CaptureInput, CaptureSource } from './capture-source.js';
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
  const expanded = await expandDirectories(req.files);
  const inputs = await openInputs(expanded.files, config.roles, stdin);
  const result = await analyzeCaptures(inputs, {
    config: config.value, checks: req.checks ?? CHECKS, ...(req.onProgress ? { onProgress: req.onProgress } : {}),
  });
  return { ok: true, report: buildReport(result), inputErrors: [...expanded.errors, ...inputErrorsOf(inputs)], notes: [...config.notes, ...overlapNotes(inputs)] };
}

type InputError = { readonly file: string; readonly error: CaptureError };

/** One per file that could not be read to its end: a file read as several interfaces fails once. */
function inputErrorsOf(inputs: readonly CaptureInput[]): InputError[] {
  const out: InputError[] = [];
  const add = (file: string, error: CaptureError | undefined) => {
    if (error && !out.some((e) => e.file === file)) out.push({ file, error });
  };
  for (const { file, reader } of inputs) {
    if (isSequenceReader(reader)) for (const p of reader.parts) add(p.file, p.error);
    else add(file, reader.error);
  }
  return out;
}

/** Slack for the clock of one capture: a file of a rotated capture starts after the one before ends. */
const OVERLAP_SLACK_S = 1;

/** Files read as one rotated capture whose times overlap were probably not one capture. */
function overlapNotes(inputs: readonly CaptureInput[]): string[] {
  const notes: string[] = [];
  for (const { reader } of inputs) {
    if (!isSequenceReader(reader)) continue;
    reader.parts.forEach((p, i) => {
      const before = reader.parts[i - 1];
      if (before?.lastT === undefined || p.firstT === undefined || p.firstT >= before.lastT - OVERLAP_SLACK_S) return;
      notes.push(`${p.file} starts ${(before.lastT - p.firstT).toFixed(3)} s before ${before.file} ends, yet both were read as one ` +
        'rotated capture (named alike, in one directory); if they are captures of their own, name each with --role NAME=FILE');
    });
  }
  return notes;
}
