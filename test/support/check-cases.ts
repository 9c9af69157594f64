// Passing and failing recorded fixtures for one check, RuleTester-style: a passing case
// yields no finding of the check; a failing case yields findings naming exactly `hosts`
// (first host of each, by IP), each with evidence unless it is a whole-capture fact.

import { describe, expect, it } from 'vitest';
import { findingsOf, fixtureExists, hostIps, type FixtureRun } from './check-fixture.js';

export type FixtureCase = FixtureRun & {
  readonly fixture: string;
  /** Shown in the test name. */
  readonly why?: string;
  /** Builds a folder to analyse instead of the fixture (a transformed copy). */
  readonly prepare?: () => Promise<string>;
};

export type FailingCase = FixtureCase & {
  readonly hosts: readonly string[];
  readonly verdict?: 'fail' | 'inconclusive';
  /** Whole-capture facts (capture/*) cite no frames. */
  readonly noEvidence?: boolean;
};

async function runCase(check: string, c: FixtureCase) {
  const dir = c.prepare ? await c.prepare() : undefined;
  return findingsOf(check, c.fixture, { ...c, ...(dir ? { dir } : {}) });
}

function label(c: FixtureCase): string {
  return `${c.fixture}${c.captures ? ` [${c.captures.join(', ')}]` : ''}${c.why ? ` (${c.why})` : ''}`;
}

export function checkCases(check: string, cases: { readonly pass: readonly FixtureCase[]; readonly fail: readonly FailingCase[] }): void {
  describe(check, () => {
    for (const c of cases.pass) {
      it.skipIf(!fixtureExists(c.fixture) && process.env.CI !== 'true')(`passes on ${label(c)}`, async () => {
        const findings = await runCase(check, c);
        expect(findings.map((f) => f.message)).toEqual([]);
      });
    }
    for (const c of cases.fail) {
      it.skipIf(!fixtureExists(c.fixture) && process.env.CI !== 'true')(`fails on ${label(c)}`, async () => {
        const findings = await runCase(check, c);
        expect(hostIps(findings)).toEqual([...c.hosts].sort());
        for (const f of findings) {
          expect(f.verdict).toBe(c.verdict ?? 'fail');
          expect(f.message.length).toBeGreaterThan(10);
          expect(f.expected.length).toBeGreaterThan(0);
          expect(f.seen.length).toBeGreaterThan(0);
          if (!c.noEvidence) {
            expect(f.evidence.length).toBeGreaterThan(0);
            for (const e of f.evidence) {
              expect(e.frame).toBeGreaterThan(0);
              expect(e.ts).toMatch(/^\d+\.\d{9}$/);
            }
          }
        }
      });
    }
  });
}
