// `--format table`: the report for people reading a terminal or a CI log. Captures, the
// inferred topology, then findings grouped by severity and check, each with what was expected,
// what was seen, the fix and the evidence frames per capture.

import { painter, type Paint, type Style } from './color.js';
import { evidenceByCapture } from './evidence-by-capture.js';
import { countsText, GROUP_LABEL, groupFindings, type GroupKey } from './finding-groups.js';
import { renderGrid } from './grid.js';
import { captureNotes, topologyRows } from './overview.js';
import type { CaptureJson, FindingJson, ReportJson } from './report-types.js';
import { clean, hostText, offsetText, timeOfDay } from './text.js';
import { wiresharkFilterFor } from './wireshark-filter.js';
import { wrapText } from './wrap.js';

export type TableOptions = { readonly color: boolean; readonly columns?: number };

const DEFAULT_COLUMNS = 80;
const MIN_COLUMNS = 40;

export const GROUP_STYLE: Readonly<Record<GroupKey, Style>> = {
  error: 'red',
  warning: 'yellow',
  info: 'cyan',
  inconclusive: 'magenta',
};

type Ctx = { readonly columns: number; readonly color: boolean; readonly paint: Paint };

function heading(ctx: Ctx, text: string, style: Style = 'bold'): string {
  return ctx.paint(style, text);
}

function paragraph(ctx: Ctx, text: string): string {
  return wrapText(text, ctx.columns).join('\n');
}

function capturesSection(ctx: Ctx, captures: readonly CaptureJson[]): string {
  if (captures.length === 0) return `${heading(ctx, 'Captures')}\n(none)`;
  const rows = captures.map((c) => [
    c.parts ? `${clean(c.file)} … ${clean(c.parts[c.parts.length - 1]!.file)}` : clean(c.file),
    `${clean(c.host ?? '?')}\n${c.role}`,
    String(c.frames),
    c.clockOffset === undefined ? '-' : offsetText(c.clockOffset),
    captureNotes(c),
  ]);
  const grid = renderGrid(rows, { columns: ctx.columns, color: ctx.color, head: ['File', 'Host', 'Frames', 'Clock', 'Link / notes'] });
  return `${heading(ctx, 'Captures')}\n${grid}`;
}

function topologySection(ctx: Ctx, report: ReportJson): string {
  const rows = topologyRows(report);
  if (rows.length === 0) return `${heading(ctx, 'Topology')}\nnothing inferred`;
  return `${heading(ctx, 'Topology')}\n${renderGrid(rows, { columns: ctx.columns, color: ctx.color, maxWidths: [11] })}`;
}

function evidenceText(f: FindingJson): string {
  const lines: string[] = [];
  for (const group of evidenceByCapture(f.evidence)) {
    lines.push(`${clean(group.capture)}${group.host ? ` (${clean(group.host)})` : ''}`);
    for (const e of group.items) lines.push(`  #${e.frame} ${timeOfDay(e.ts)} ${clean(e.summary)}`);
  }
  if (f.occurrences > f.evidence.length) lines.push(`(${f.evidence.length} of ${f.occurrences} shown)`);
  return lines.join('\n') || 'none';
}

function findingGrid(ctx: Ctx, f: FindingJson): string {
  const rows: string[][] = [
    ['message', clean(f.message)],
    ['hosts', f.hosts.map(hostText).join('\n') || '-'],
    ['expected', clean(f.expected)],
    ['seen', clean(f.seen)],
    ['fix', clean(f.fix)],
    ['evidence', evidenceText(f)],
  ];
  const filter = wiresharkFilterFor(f);
  if (filter) rows.push(['filter', clean(filter)]);
  rows.push(['docs', clean(f.docs)]);
  return renderGrid(rows, { columns: ctx.columns, color: ctx.color, maxWidths: [8] });
}

function findingsSection(ctx: Ctx, report: ReportJson): string {
  const groups = groupFindings(report.findings);
  const title = heading(ctx, `Findings: ${countsText(report.summary)}`);
  if (groups.length === 0) return `${title}\nNo findings.`;
  const parts = [title];
  for (const group of groups) {
    parts.push(heading(ctx, `${GROUP_LABEL[group.key].toUpperCase()} (${group.count})`, GROUP_STYLE[group.key]));
    for (const check of group.checks) {
      parts.push(paragraph(ctx, `${clean(check.check)} (${check.findings.length})`));
      for (const { finding } of check.findings) parts.push(findingGrid(ctx, finding));
    }
  }
  return parts.join('\n\n');
}

export function renderTable(report: ReportJson, options: TableOptions): string {
  const columns = Math.max(MIN_COLUMNS, Math.floor(options.columns ?? DEFAULT_COLUMNS));
  const ctx: Ctx = { columns, color: options.color, paint: painter(options.color) };
  const head = paragraph(ctx, `${clean(report.tool.name)} ${clean(report.tool.version)}: ${report.summary.captures} captures, ${report.summary.frames} frames`);
  return `${[head, capturesSection(ctx, report.captures), topologySection(ctx, report), findingsSection(ctx, report)].join('\n\n')}\n`;
}
