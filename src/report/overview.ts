// What the analysis read and inferred, as plain text for the table's Captures and Topology
// sections and the TUI's Topology view: each capture's notes, and the topology as labelled rows.

import { balancedPorts } from './balanced-ports.js';
import type { CaptureJson, ReportJson, ServicePortJson } from './report-types.js';
import { clean, hostText } from './text.js';

/** A capture's link type and what to know about it: no packets, cut frames, drops, errors, parts, a NAT. */
export function captureNotes(c: CaptureJson): string {
  const notes = [clean(c.linkTypeName)];
  if (c.frames === 0) notes.push('no packets');
  else if (!c.destinationMacs) notes.push('no destination MACs');
  if (c.truncatedFrames > 0) notes.push(`${c.truncatedFrames} truncated`);
  if (c.drops) notes.push(`${c.drops} dropped`);
  if (c.error) notes.push(`unreadable after byte ${c.error.offset}: ${clean(c.error.message)}`);
  if (c.addressTranslation) notes.push('through a NAT');
  if (c.parts) {
    notes.push(`${c.parts.length} files`);
    for (const p of c.parts) if (p.error) notes.push(`${clean(p.file)} unreadable after byte ${p.error.offset}: ${clean(p.error.message)}`);
  }
  return notes.join(', ');
}

/** The inferred topology as (label, text) rows: VIPs, hosts by role, then what was inferred from what. */
export function topologyRows(report: ReportJson): [string, string][] {
  const t = report.topology;
  const rows: [string, string][] = [];
  for (const v of t.vips) {
    const text = (ps: readonly ServicePortJson[]) => ps.map((p) => `${p.protocol}/${p.port}`).join(' ');
    const served = balancedPorts(report, v);
    const others = v.ports.filter((p) => !served.includes(p));
    const asked = others.length ? `; clients also asked for ${text(others)}` : '';
    rows.push(['VIP', `${clean(v.ip)} ${text(served) || 'no ports seen'}${v.scheduler ? ` (${clean(v.scheduler)})` : ''}${asked}`]);
  }
  for (const h of t.directors) rows.push(['director', hostText(h)]);
  for (const h of t.realServers) rows.push(['real server', `${hostText(h)}${h.weight === undefined ? '' : ` weight ${h.weight}`}`]);
  for (const h of t.routers) rows.push(['router', hostText(h)]);
  for (const h of t.clients) rows.push(['client', hostText(h)]);
  if (t.evidence.length > 0) rows.push(['inferred', t.evidence.map((e) => `- ${clean(e)}`).join('\n')]);
  return rows;
}
