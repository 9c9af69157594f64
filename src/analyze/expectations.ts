// Fixture expectations (expected.json, schema/expected.schema.json): exactly the findings an
// analysis of the folder's captures must produce, compared as (check, severity, verdict, host).

import type { FindingJson, ReportJson, Severity, Verdict } from '../report/report-types.js';

export type ExpectedFinding = {
  readonly check: string;
  readonly severity: Severity;
  readonly verdict: Verdict;
  /**
   * The implicated host: its IP, or its MAC or capture name where the captures never show
   * its address; absent when the finding names no host.
   */
  readonly host?: string;
};

export type Expectations = {
  readonly description?: string;
  readonly args?: readonly string[];
  readonly captures?: readonly string[];
  /** Why the end-of-run table (ipvsadm-S.txt) does not describe the whole capture, when it does not. */
  readonly tableChanged?: string;
  readonly findings: readonly ExpectedFinding[];
};

export function expectedOf(f: FindingJson): ExpectedFinding {
  const h = f.hosts[0];
  const host = h?.ip ?? h?.mac ?? h?.name;
  return { check: f.check, severity: f.severity, verdict: f.verdict, ...(host !== undefined ? { host } : {}) };
}

/** The names a finding's first host answers to: IP, MAC and host name. */
function hostNames(f: FindingJson): readonly string[] {
  const h = f.hosts[0];
  return h ? [h.ip, h.mac, h.name].filter((x): x is string => x !== undefined) : [];
}

export function findingKey(e: ExpectedFinding): string {
  return `${e.check} ${e.severity} ${e.verdict} ${e.host ?? '-'}`;
}

export type Comparison = { readonly missing: readonly ExpectedFinding[]; readonly unexpected: readonly ExpectedFinding[] };

export function compareFindings(expected: readonly ExpectedFinding[], report: ReportJson): Comparison {
  const pending = report.findings.slice();
  const missing: ExpectedFinding[] = [];
  for (const e of uniqueExpected(expected)) {
    const matches = (f: FindingJson) => f.check === e.check && f.severity === e.severity && f.verdict === e.verdict &&
      (e.host === undefined ? f.hosts.length === 0 : hostNames(f).includes(e.host));
    if (!pending.some(matches)) { missing.push(e); continue; }
    // One expectation covers every finding of that check on that host (findings are aggregated).
    for (let i = pending.length - 1; i >= 0; i--) if (matches(pending[i]!)) pending.splice(i, 1);
  }
  return { missing, unexpected: uniqueExpected(pending.map(expectedOf)) };
}

export function uniqueExpected(list: readonly ExpectedFinding[]): ExpectedFinding[] {
  const seen = new Set<string>();
  const out: ExpectedFinding[] = [];
  for (const e of list) {
    const k = findingKey(e);
    if (!seen.has(k)) { seen.add(k); out.push(e); }
  }
  return out.sort((a, b) => findingKey(a).localeCompare(findingKey(b)));
}
