// Runs the full analysis on a recorded fixture (or a subset of its captures) and returns the
// findings of one check. Analyses are cached per fixture and capture set within a test file.

import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runAnalysis } from '../../src/analyze/run-analysis.js';
import type { FindingJson, ReportJson } from '../../src/report/report-types.js';
import { reportSchemaErrors } from './report-schema.js';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const FIXTURES = join(ROOT, 'fixtures');

export type FixtureRun = {
  /** Capture base names to use (default: all captures in the folder). */
  readonly captures?: readonly string[];
  /** Use the fixture's own ipvsadm-S.txt. */
  readonly ipvsadm?: boolean;
  /** ipvsadm text of another configuration to analyse the captures against. */
  readonly ipvsadmText?: string;
  /** Another ipvsadm file in the fixture folder (e.g. ipvsadm-claimed.txt). */
  readonly ipvsadmFile?: string;
  /** keepalived configuration files in the fixture folder (--keepalived). */
  readonly keepalived?: readonly string[];
  /** A folder outside fixtures/ (a transformed copy). */
  readonly dir?: string;
};

const cache = new Map<string, Promise<ReportJson>>();

export function fixtureExists(name: string): boolean {
  return existsSync(join(FIXTURES, name));
}

export function analyzeFixture(name: string, run: FixtureRun = {}): Promise<ReportJson> {
  const key = `${run.dir ?? name}|${run.captures?.join(',') ?? '*'}|${run.ipvsadm === true}|${run.ipvsadmText ?? ''}|${run.ipvsadmFile ?? ''}|${run.keepalived?.join(',') ?? ''}`;
  let p = cache.get(key);
  if (!p) {
    p = (async () => {
      const dir = run.dir ?? join(FIXTURES, name);
      const ipvsadm = run.ipvsadm ? [join(dir, 'ipvsadm-S.txt')] : [];
      if (run.ipvsadmFile !== undefined) ipvsadm.push(join(dir, run.ipvsadmFile));
      if (run.ipvsadmText !== undefined) {
        const tmp = mkdtempSync(join(tmpdir(), 'lvsd-ipvsadm-'));
        writeFileSync(join(tmp, 'ipvsadm.txt'), run.ipvsadmText);
        ipvsadm.push(join(tmp, 'ipvsadm.txt'));
      }
      const all = readdirSync(dir).filter((f) => /\.pcap(ng)?$/.test(f)).sort();
      const chosen = run.captures ? all.filter((f) => run.captures!.includes(f.replace(/\.pcap(ng)?$/, ''))) : all;
      if (run.captures && chosen.length !== run.captures.length) throw new Error(`${name}: captures ${run.captures.join(', ')} not all present`);
      const outcome = await runAnalysis({
        files: chosen.map((f) => join(dir, f)), ipvsadm,
        keepalived: (run.keepalived ?? []).map((f) => join(dir, f)), topology: [], roles: [], cwd: ROOT,
      });
      if (!outcome.ok) throw new Error(outcome.errors.join('; '));
      const schemaErrors = reportSchemaErrors(outcome.report);
      if (schemaErrors.length) throw new Error(`report does not match its schema: ${schemaErrors.join('; ')}`);
      return outcome.report;
    })();
    cache.set(key, p);
  }
  return p;
}

export async function findingsOf(check: string, fixture: string, run: FixtureRun = {}): Promise<FindingJson[]> {
  return (await analyzeFixture(fixture, run)).findings.filter((f) => f.check === check);
}

/** The hosts a list of findings names (first host of each): IP, else MAC, else name. */
export function hostIps(findings: readonly FindingJson[]): string[] {
  return [...new Set(findings.map((f) => f.hosts[0]?.ip ?? f.hosts[0]?.mac ?? f.hosts[0]?.name ?? '-'))].sort();
}
