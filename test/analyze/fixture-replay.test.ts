// Every recorded fixture yields exactly its expected findings, with zero configuration and
// again with the director's ipvsadm output given; every report matches the report schema.

import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findingKey } from '../../src/analyze/expectations.js';
import { replayFixture } from '../../src/analyze/replay-fixture.js';
import { runAnalysis } from '../../src/analyze/run-analysis.js';
import { compareFindings } from '../../src/analyze/expectations.js';
import { readExpectations } from '../../src/analyze/replay-fixture.js';
import { reportSchemaErrors } from '../support/report-schema.js';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const fixtures = join(root, 'fixtures');
const folders = existsSync(fixtures)
  ? readdirSync(fixtures).filter((n) => statSync(join(fixtures, n)).isDirectory() && existsSync(join(fixtures, n, 'expected.json'))).sort()
  : [];

describe('recorded fixtures yield exactly their expected findings', () => {
  it('has fixtures', () => expect(folders.length).toBeGreaterThan(0));

  it.each(folders)('%s', async (name) => {
    const outcome = await replayFixture(join(fixtures, name), root);
    if (outcome.kind === 'error') throw new Error(outcome.message);
    expect(reportSchemaErrors(outcome.report)).toEqual([]);
    expect({ missing: outcome.comparison.missing.map(findingKey), unexpected: outcome.comparison.unexpected.map(findingKey) })
      .toEqual({ missing: [], unexpected: [] });
  });

  it.each(folders.filter((n) => existsSync(join(fixtures, n, 'ipvsadm-S.txt'))))('%s with --ipvsadm', async (name) => {
    const dir = join(fixtures, name);
    const expectations = await readExpectations(dir);
    if (expectations.args?.includes('--ipvsadm') || expectations.tableChanged !== undefined) return;
    const captures = expectations.captures?.map((c) => join(dir, c)) ??
      readdirSync(dir).filter((f) => /\.pcap(ng)?$/.test(f)).sort().map((f) => join(dir, f));
    const outcome = await runAnalysis({
      files: captures, ipvsadm: [join(dir, 'ipvsadm-S.txt')], keepalived: [], topology: [], roles: [], cwd: root,
    });
    if (!outcome.ok) throw new Error(outcome.errors.join('; '));
    const { missing, unexpected } = compareFindings(expectations.findings, outcome.report);
    expect({ missing: missing.map(findingKey), unexpected: unexpected.map(findingKey) }).toEqual({ missing: [], unexpected: [] });
  });
});
