// Fixture expectations (expected.json, schema/expected.schema.json): exactly the findings an
// analysis of the folder's captures must produce, compared as (check, severity, verdict, host).

import type { FindingJson, ReportJson, Severity, Verdict } from '../report/report-types.js';

export type ExpectedFinding = {
  readonly check: string;
  readonly severity: Severity;
  readonly verdict: Verdict;
  /** IP of the implicated host; absent when the finding names none. */
  readonly host?: string;
};

export type Expectations = {
  readonly description?: string;
  readonly args?: readonly string[];
  readonly captures?: readonly string[];
  readonly findings: readonly ExpectedFinding[];
};

export function expectedOf(f: FindingJson): ExpectedFinding {
  const host = f.hosts[0]?.ip;
  return { check: f.check, severity: f.severity, verdict: f.verdict, ...(host !== undefined ? { host } : {}) };
}

export function findingKey(e: ExpectedFinding): string {
  return `${e.check} ${e.severity} ${e.verdict} ${e.host ?? '-'}`;
}

export type Comparison = { readonly missing: readonly ExpectedFinding[]; readonly unexpected: readonly ExpectedFinding[] };

export function compareFindings(expected: readonly ExpectedFinding[], report: ReportJson): Comparison {
  const actual = uniqueExpected(report.findings.map(expectedOf));
  const want = new Set(expected.map(findingKey));
  const got = new Set(actual.map(findingKey));
  return {
    missing: expected.filter((e) => !got.has(findingKey(e))),
    unexpected: actual.filter((a) => !want.has(findingKey(a))),
  };
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
