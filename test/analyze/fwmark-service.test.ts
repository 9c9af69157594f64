// A firewall-mark virtual service (fixtures/healthy-fwmark): the checks follow the VIP's traffic on
// every marked port, and the scheduling checks, which cannot know what carries the mark, say so.

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAnalysis } from '../../src/analyze/run-analysis.js';
import { FIXTURES, fixtureExists, ROOT } from '../support/check-fixture.js';

const DIR = join(FIXTURES, 'healthy-fwmark');

describe.skipIf(!fixtureExists('healthy-fwmark'))('a firewall-mark service', () => {
  it('passes, covers both marked ports, and notes that sched/* do not judge it', async () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.pcap')).map((f) => join(DIR, f));
    const outcome = await runAnalysis({ files, ipvsadm: [join(DIR, 'ipvsadm-S.txt')], keepalived: [], topology: [], roles: [], cwd: ROOT });
    if (!outcome.ok) throw new Error(outcome.errors.join('; '));
    expect(outcome.report.findings).toEqual([]);
    expect(outcome.report.topology.vips).toEqual([{ ip: '192.0.2.100', ports: [{ protocol: 'tcp', port: 80 }, { protocol: 'tcp', port: 7000 }] }]);
    expect(outcome.notes).toEqual([expect.stringMatching(/ipvsadm-S\.txt line 1: fwmark 1: the scheduling checks \(sched\/\*\) do not judge firewall-mark services/)]);
  });
});
