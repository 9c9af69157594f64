// Findings grouped the way people read them: by severity (inconclusive ones apart, since they
// are neither a pass nor a failure), then by check in the order the analyzer reported them.

import type { FindingJson } from './report-types.js';

export const GROUP_ORDER = ['error', 'warning', 'info', 'inconclusive'] as const;
export type GroupKey = (typeof GROUP_ORDER)[number];

export const GROUP_LABEL: Readonly<Record<GroupKey, string>> = {
  error: 'Errors',
  warning: 'Warnings',
  info: 'Info',
  inconclusive: 'Inconclusive',
};

export type IndexedFinding = { readonly index: number; readonly finding: FindingJson };
export type CheckGroup = { readonly check: string; readonly findings: readonly IndexedFinding[] };
export type FindingGroup = { readonly key: GroupKey; readonly count: number; readonly checks: readonly CheckGroup[] };

export function groupKeyOf(finding: FindingJson): GroupKey {
  return finding.verdict === 'inconclusive' ? 'inconclusive' : finding.severity;
}

/** Non-empty groups only. `index` is the finding's position in `findings`. */
export function groupFindings(findings: readonly FindingJson[]): FindingGroup[] {
  const byKey = new Map<GroupKey, Map<string, IndexedFinding[]>>();
  findings.forEach((finding, index) => {
    const key = groupKeyOf(finding);
    let checks = byKey.get(key);
    if (!checks) byKey.set(key, (checks = new Map()));
    let list = checks.get(finding.check);
    if (!list) checks.set(finding.check, (list = []));
    list.push({ index, finding });
  });
  const groups: FindingGroup[] = [];
  for (const key of GROUP_ORDER) {
    const checks = byKey.get(key);
    if (!checks) continue;
    const list = [...checks].map(([check, items]) => ({ check, findings: items }));
    groups.push({ key, count: list.reduce((n, c) => n + c.findings.length, 0), checks: list });
  }
  return groups;
}

/** "3 errors, 1 warning, 0 info, 1 inconclusive" */
export function countsText(counts: { readonly errors: number; readonly warnings: number; readonly infos: number; readonly inconclusive: number }): string {
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  return [
    plural(counts.errors, 'error', 'errors'),
    plural(counts.warnings, 'warning', 'warnings'),
    `${counts.infos} info`,
    `${counts.inconclusive} inconclusive`,
  ].join(', ');
}
