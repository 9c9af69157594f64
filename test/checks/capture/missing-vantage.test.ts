import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAnalysis } from '../../../src/analyze/run-analysis.js';
import { checkCases } from '../../support/check-cases.js';
import { FIXTURES } from '../../support/check-fixture.js';

checkCases('capture/missing-vantage', {
  pass: [
    { fixture: 'healthy-wrr' },
    { fixture: 'keepalived-vmac', why: 'one capture on eth0 shows both of the director\'s MACs: the VRRP virtual MAC in, its own out' },
  ],
  fail: [
    { fixture: 'healthy-wrr', captures: ['client', 'director', 'router', 'rs1'], hosts: ['192.0.2.12'], verdict: 'inconclusive', noEvidence: true },
    { fixture: 'healthy-wrr', captures: ['client'], hosts: ['-'], verdict: 'inconclusive', noEvidence: true, why: 'no VIP can be inferred: "Found no VIP"' },
    { fixture: 'healthy-wrr', captures: ['client', 'rs1', 'rs2'], hosts: ['192.0.2.2'], verdict: 'inconclusive', noEvidence: true, why: 'the director, inferred from its forwarded copies, has no capture' },
    { fixture: 'keepalived-vmac', captures: ['client', 'router', 'director2', 'rs1', 'rs2'], hosts: ['192.0.2.2'], verdict: 'inconclusive', noEvidence: true, why: 'the use_vmac master, two MACs, has no capture' },
  ],
});

describe('capture/missing-vantage with captures named by --role', () => {
  it('counts a capture named with --role NAME=FILE as its host\'s capture', async () => {
    // Before, each --role also added a host of that name with no address, which no capture
    // showed: "No capture from director (director)" beside the director's own capture.
    const dir = mkdtempSync(join(tmpdir(), 'lvsd-roles-'));
    const src = join(FIXTURES, 'healthy-wrr');
    for (const [from, to] of [['director', 'lb'], ['rs1', 'web1'], ['rs2', 'web2'], ['client', 'laptop']]) copyFileSync(join(src, `${from}.pcap`), join(dir, `${to}.pcap`));
    const outcome = await runAnalysis({
      files: [join(dir, 'laptop.pcap')], cwd: dir, ipvsadm: [], keepalived: [], topology: [],
      roles: [`director=${join(dir, 'lb.pcap')}`, `rs1=${join(dir, 'web1.pcap')}`, `rs2=${join(dir, 'web2.pcap')}`],
    });
    if (!outcome.ok) throw new Error(outcome.errors.join('; '));
    expect(outcome.report.findings.map((f) => f.check)).toEqual([]);
    expect(outcome.report.topology.directors.map((d) => d.name)).toEqual(['director']);
    expect(outcome.report.topology.realServers.map((d) => d.name).sort()).toEqual(['rs1', 'rs2']);
  });
});
