// The one entry point for non-interactive output. The format is chosen before anything renders,
// and none of these reporters mounts Ink.

import type { TextSink } from '../cli/cli-io.js';
import { safeJsonStringify } from './escape.js';
import { renderJson } from './json.js';
import { renderJunit } from './junit.js';
import type { ReportJson } from './report-types.js';
import { buildSarif } from './sarif.js';
import { renderTable } from './table.js';

export const REPORT_FORMATS = ['table', 'json', 'sarif', 'junit'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export type WriteReportOptions = {
  /** Colour codes in `table`; the caller decides (TTY and NO_COLOR). */
  readonly color: boolean;
  /** Width `table` wraps to; 80 when absent (a pipe or a file). */
  readonly columns?: number;
  /** Base URI for SARIF rule `helpUri`s; defaults to the installed package root. */
  readonly docsBaseUri?: string;
};

export function isReportFormat(value: string): value is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(value);
}

export function renderReport(report: ReportJson, format: ReportFormat, options: WriteReportOptions): string {
  switch (format) {
    case 'table': return renderTable(report, options);
    case 'json': return renderJson(report);
    case 'sarif': return `${safeJsonStringify(buildSarif(report, options.docsBaseUri === undefined ? {} : { docsBaseUri: options.docsBaseUri }), 2)}\n`;
    case 'junit': return renderJunit(report);
  }
}

export async function writeReport(report: ReportJson, format: ReportFormat, sink: TextSink, options: WriteReportOptions): Promise<void> {
  // Honour stdout backpressure so a large report piped into a slow reader is not buffered twice.
  if (sink.write(renderReport(report, format, options)) === false && sink.drain) await sink.drain();
}
