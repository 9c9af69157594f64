// `--format json`: the report itself (schema/report.schema.json), safe to print on a terminal.

import { safeJsonStringify } from './escape.js';
import type { ReportJson } from './report-types.js';

export function renderJson(report: ReportJson): string {
  return `${safeJsonStringify(report, 2)}\n`;
}
