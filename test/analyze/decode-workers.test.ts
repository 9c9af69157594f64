// Captures decoded in worker threads must analyse exactly as captures decoded on the main
// thread. Workers need compiled JavaScript, so the analysis is compiled for node here.

import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAnalysis } from '../../src/analyze/run-analysis.js';
import { compileForNode } from '../support/compile-for-node.js';

const ROOT = join(import.meta.dirname, '../..');
const FIXTURES = join(ROOT, 'fixtures');
const sets = readdirSync(FIXTURES).filter((n) => statSync(join(FIXTURES, n)).isDirectory())
  .map((n) => ({ name: n, files: readdirSync(join(FIXTURES, n)).filter((f) => /\.pcap(ng)?$/.test(f)).sort().map((f) => join(FIXTURES, n, f)) }))
  .filter((s) => s.files.length >= 2);

type Run = typeof runAnalysis;
let compiled: Run;
let workersAvailable = false;
const before = process.env['LVS_DOCTOR_DECODE_WORKERS'];

beforeAll(async () => {
  compileForNode('src/analyze/decode-worker.ts');
  const entry = compileForNode('src/analyze/run-analysis.ts');
  compiled = ((await import(pathToFileURL(entry).href)) as { runAnalysis: Run }).runAnalysis;
  const readerModule = pathToFileURL(entry.replace(/run-analysis\.js$/, 'worker-reader.js')).href;
  workersAvailable = ((await import(readerModule)) as { decodeWorkersAvailable(): boolean }).decodeWorkersAvailable();
  process.env['LVS_DOCTOR_DECODE_WORKERS'] = '1';
}, 120_000);

afterAll(() => {
  if (before === undefined) delete process.env['LVS_DOCTOR_DECODE_WORKERS'];
  else process.env['LVS_DOCTOR_DECODE_WORKERS'] = before;
});

describe('decode workers', () => {
  it('has multi-capture fixtures, and workers can run', () => {
    expect(sets.length).toBeGreaterThan(5);
    expect(workersAvailable).toBe(true);
  });

  it.each(sets)('$name: the same report as decoding on the main thread', async ({ name, files }) => {
    const ipvsadm = existsSync(join(FIXTURES, name, 'ipvsadm-S.txt')) ? [join(FIXTURES, name, 'ipvsadm-S.txt')] : [];
    const request = { files, ipvsadm, keepalived: [], topology: [], roles: [], cwd: ROOT };
    const inWorkers = await compiled(request);
    const inThread = await runAnalysis(request);
    expect(JSON.stringify(inWorkers)).toBe(JSON.stringify(inThread));
  });
});
