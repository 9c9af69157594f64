// The Topology view: what was read and what was inferred from it, as the table report's
// Captures and Topology sections show it: each capture with its host, frames, clock offset and
// notes (a NAT between it and the director among them), then the VIPs, hosts and the evidence.

import { captureNotes, topologyRows } from '../../report/overview.js';
import type { CaptureJson, ReportJson } from '../../report/report-types.js';
import { captureLabel, clean, offsetText } from '../../report/text.js';
import { wrapText } from '../../report/wrap.js';
import { labelled, seg, type Line } from '../lines.js';

const LABEL = 13;

function captureLines(c: CaptureJson, width: number): Line[] {
  const text = Math.max(10, width - LABEL);
  const host = `${clean(c.host ?? '?')} (${c.role})${c.interface ? ` on ${clean(c.interface)}` : ''}`;
  const clock = c.clockOffset === undefined ? 'clock not aligned (no packet shared)' : `clock ${offsetText(c.clockOffset)}`;
  return [
    [seg(captureLabel(c.file), undefined, { bold: true })],
    ...labelled('  host', wrapText(`${host}, ${c.frames} frame${c.frames === 1 ? '' : 's'}, ${clock}`, text), LABEL),
    ...labelled('  notes', wrapText(captureNotes(c), text), LABEL, 'muted'),
  ];
}

export function topologyLines(report: ReportJson, width: number): Line[] {
  const text = Math.max(10, width - LABEL);
  const rows = topologyRows(report);
  return [
    [seg('Captures', undefined, { bold: true })],
    ...(report.captures.length ? report.captures.flatMap((c) => captureLines(c, width)) : [[seg('(none)', 'muted')]]),
    [],
    [seg('Topology', undefined, { bold: true })],
    ...(rows.length ? rows.flatMap(([label, value]) => labelled(label, value.split('\n').flatMap((v) => wrapText(v, text)), LABEL)) : [[seg('nothing inferred', 'muted')]]),
  ];
}
