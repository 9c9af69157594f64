import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAnalysis } from '../../../src/analyze/run-analysis.js';
import { checkCases } from '../../support/check-cases.js';

checkCases('forward/loop', {
  pass: [{ fixture: 'healthy-wrr' }],
  fail: [{ fixture: 'rs-forwarding-loop', hosts: ['192.0.2.12'] }],
});

// A public capture (tcpdump's tests) of a PGM stream to 239.255.0.16 that holds one packet
// twice, with TTL 16 and TTL 1: a multicast router sent it on, which is no loop.
const ROOT = resolve(import.meta.dirname, '../../..');
const MULTICAST = resolve(ROOT, '../shared/corpus/tcpdump/tests/pgm_zmtp1.pcap');

describe.skipIf(!existsSync(MULTICAST) && process.env.CI !== 'true')('forward/loop and group addresses', () => {
  it('does not report a multicast packet seen again with a lower TTL', async () => {
    const outcome = await runAnalysis({ files: [MULTICAST], ipvsadm: [], keepalived: [], topology: [], roles: [], cwd: join(ROOT) });
    if (!outcome.ok) throw new Error(outcome.errors.join('; '));
    expect(outcome.report.findings.filter((f) => f.check === 'forward/loop')).toEqual([]);
    expect(outcome.report.captures[0]!.frames).toBeGreaterThan(0);
  });
});
