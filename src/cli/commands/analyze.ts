// `lvs-doctor analyze FILE...`: the DR invariant checks over captures from any vantage points.

import { SHARED_OPTIONS } from '../shared-options.js';
import { parseArgs } from 'node:util';
import { runAnalysis } from '../../analyze/run-analysis.js';
import type { ReportJson, Severity } from '../../report/report-types.js';
import { isReportFormat, writeReport } from '../../report/write-report.js';
import { colorWanted } from '../../report/color.js';
import { createProgress } from '../../report/progress.js';
import { writeEvidence } from '../../report/evidence-export.js';
import { openCaptureFile } from '../../io/open-capture.js';
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CliIo } from '../cli-io.js';
import { reportCaptureError } from '../capture-inputs.js';
import { ExitCode } from '../exit-codes.js';
import { usageError } from '../usage.js';
import { escapeForTerminal } from '../../report/escape.js';
import { isSequenceReader } from '../../io/read-sequence.js';
import { isCaptureEntry } from '../../analyze/capture-directories.js';

export const ANALYZE_USAGE = `usage: lvs-doctor analyze FILE|DIR... [options]
  (a DIR stands for the capture files in it; a rotated capture's files, x.pcap x.pcap1 ..., are one capture)
  --format table|json|sarif|junit|tui   output (default: tui on a terminal, table otherwise)
  --fail-on error|warning|never         exit 1 when a finding is at or above this (default: error)
  --ipvsadm FILE                        ipvsadm -S -n / ipvsadm -Ln output of the director
  --keepalived FILE                     keepalived.conf (virtual_server, vrrp_instance)
  --topology FILE                       topology JSON (schema/topology.schema.json)
  --role NAME=FILE                      name the host a capture was taken on (client, director, rs1, ...)
  --vip IP                              the address clients connect to, when no configuration is given
  --evidence DIR                        write one pcapng per finding with its evidence packets
  --quiet                               no progress on stderr`;

type FailOn = Severity | 'never';
const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

export function exitCodeFor(report: ReportJson, failOn: FailOn): ExitCode {
  if (failOn === 'never') return ExitCode.Ok;
  const failing = report.findings.some((f) => f.verdict === 'fail' && RANK[f.severity] >= RANK[failOn]);
  return failing ? ExitCode.Findings : ExitCode.Ok;
}

function totalSizeOf(files: readonly string[], cwd: string): { totalBytes?: number } {
  let total = 0;
  for (const f of files) {
    try {
      const path = resolve(cwd, f);
      const st = statSync(path);
      // A directory stands for its capture files (capture-directories.ts).
      if (st.isDirectory()) {
        for (const e of readdirSync(path, { withFileTypes: true })) {
          if (isCaptureEntry(e)) total += statSync(join(path, e.name)).size;
        }
        continue;
      }
      if (!st.isFile()) return {};
      total += st.size;
    } catch {
      return {};
    }
  }
  return { totalBytes: total };
}

export async function analyzeCommand(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        ...SHARED_OPTIONS,
        format: { type: 'string' },
        evidence: { type: 'string' },
      },
    });
  } catch (err) {
    return usageError(io, (err as Error).message, ANALYZE_USAGE);
  }
  const v = parsed.values;
  if (v.help) { io.stdout.write(`${ANALYZE_USAGE}\n`); return ExitCode.Ok; }
  const failOn = v['fail-on'];
  if (failOn !== 'error' && failOn !== 'warning' && failOn !== 'info' && failOn !== 'never') {
    return usageError(io, `--fail-on takes error, warning or never, not '${failOn}'`, ANALYZE_USAGE);
  }
  const interactive = io.stdout.isTTY && io.env['CI'] !== 'true';
  const format = v.format ?? (interactive ? 'tui' : 'table');
  if (format !== 'tui' && !isReportFormat(format)) return usageError(io, `unknown format '${format}'`, ANALYZE_USAGE);
  if (parsed.positionals.length === 0 && v.role.length === 0) return usageError(io, 'no capture file given', ANALYZE_USAGE);

  const progress = createProgress(io.stderr, {
    enabled: io.stderr.isTTY && !v.quiet && io.env['CI'] !== 'true',
    ...totalSizeOf(parsed.positionals, io.cwd),
  });
  const outcome = await runAnalysis({
    files: parsed.positionals, ipvsadm: v.ipvsadm, keepalived: v.keepalived, topology: v.topology, roles: v.role, vips: v.vip,
    cwd: io.cwd, stdin: io.stdin,
    onProgress: (sources) => {
      for (const s of sources) {
        const reader = s.input.reader;
        // A rotated capture: the file being read.
        const showing = isSequenceReader(reader) ? { showing: reader.currentFile } : {};
        progress.update({ file: s.input.file, ...showing, bytesRead: reader.bytesRead, frames: s.counters.frames });
      }
    },
  });
  progress.done();
  if (!outcome.ok) {
    for (const e of outcome.errors) io.stderr.write(`lvs-doctor: ${escapeForTerminal(e)}\n`);
    return ExitCode.Error;
  }
  for (const note of outcome.notes) if (!v.quiet) io.stderr.write(`lvs-doctor: note: ${escapeForTerminal(note)}\n`);
  for (const { file, error } of outcome.inputErrors) reportCaptureError(io, file, error);
  const inputFailed = outcome.inputErrors.length > 0;
  const report = outcome.report;
  if (v.evidence !== undefined) {
    const dir = resolve(io.cwd, v.evidence);
    const written = await writeEvidence(report, dir, (name) => openCaptureFile(resolve(io.cwd, name)));
    if (!v.quiet) io.stderr.write(`lvs-doctor: wrote ${written.length} evidence file(s) to ${escapeForTerminal(dir)}\n`);
  }
  // The terminal UI needs a terminal on both ends (keys in, screen out); it is loaded only then.
  const tuiPossible = io.stdout.isTTY && (io.stdin as { isTTY?: boolean }).isTTY === true && io.env['CI'] !== 'true';
  if (format === 'tui' && tuiPossible) {
    const { runTui } = await import('../../tui/run-tui.js');
    await runTui(report, io);
  } else {
    await writeReport(report, format === 'tui' ? 'table' : format, io.stdout, {
      color: colorWanted(io.stdout.isTTY, io.env),
      ...(io.stdout.columns ? { columns: io.stdout.columns } : {}),
    });
  }
  if (inputFailed) return ExitCode.Error;
  return exitCodeFor(report, failOn);
}
