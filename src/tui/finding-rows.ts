// The findings list as rows: a header per severity group, a header per check, then the
// findings. Only finding rows can be selected. The filter keeps findings whose text contains
// every word typed (case-insensitive): check id, severity, verdict, message, hosts, captures.

import { groupFindings, type GroupKey } from '../report/finding-groups.js';
import type { FindingJson } from '../report/report-types.js';

export type ListRow =
  | { readonly kind: 'group'; readonly group: GroupKey; readonly count: number }
  | { readonly kind: 'check'; readonly group: GroupKey; readonly check: string; readonly count: number }
  | { readonly kind: 'finding'; readonly group: GroupKey; readonly index: number };

function haystack(f: FindingJson): string {
  return [
    f.check, f.severity, f.verdict, f.message,
    ...f.hosts.flatMap((h) => [h.name, h.ip, h.mac, h.role]),
    ...f.evidence.flatMap((e) => [e.capture, e.host]),
  ].filter((s): s is string => s !== undefined).join('\n').toLowerCase();
}

export function matchesFilter(f: FindingJson, filter: string): boolean {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const text = haystack(f);
  return words.every((w) => text.includes(w));
}

export function buildRows(findings: readonly FindingJson[], filter: string): ListRow[] {
  const kept = findings.map((finding, index) => ({ finding, index })).filter(({ finding }) => matchesFilter(finding, filter));
  const groups = groupFindings(kept.map((k) => k.finding));
  const rows: ListRow[] = [];
  for (const g of groups) {
    rows.push({ kind: 'group', group: g.key, count: g.count });
    for (const c of g.checks) {
      rows.push({ kind: 'check', group: g.key, check: c.check, count: c.findings.length });
      for (const f of c.findings) rows.push({ kind: 'finding', group: g.key, index: kept[f.index]!.index });
    }
  }
  return rows;
}

export function findingRowPositions(rows: readonly ListRow[]): number[] {
  const out: number[] = [];
  rows.forEach((r, i) => { if (r.kind === 'finding') out.push(i); });
  return out;
}
