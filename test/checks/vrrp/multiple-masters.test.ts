import { describe, expect, it } from 'vitest';
import { checkCases } from '../../support/check-cases.js';
import { analyzeCorpusFile, corpusAvailable } from '../../support/corpus-file.js';

checkCases('vrrp/multiple-masters', {
  pass: [{ fixture: 'keepalived-failover' }],
  fail: [
    { fixture: 'vrrp-split-brain', hosts: ['192.0.2.2', '192.0.2.3'] },
    { fixture: 'vrrp-auth-mismatch', why: 'the two masters take turns rather than interleave', hosts: ['192.0.2.2', '192.0.2.3'] },
  ],
});

// A public capture (tcpdump's tests, VRRP only, advert interval 10 s): routers 10.0.0.91 to
// .97 come up one after another with rising priorities, each preempting the one before, which
// falls silent. Every handover leaves the old master's last advert younger than its
// master-down interval (30 s) while the new one advertises.
const HANDOVERS = 'tcpdump/tests/vrrp.pcap';

describe.skipIf(!corpusAvailable(HANDOVERS))('vrrp on a capture of preempting routers', () => {
  it('finds no second master, and cannot tell whether the new masters announced their addresses', async () => {
    const report = await analyzeCorpusFile(HANDOVERS);
    expect(report.findings.filter((f) => f.check === 'vrrp/multiple-masters')).toEqual([]);
    const garp = report.findings.filter((f) => f.check === 'vrrp/no-garp-after-takeover');
    expect(garp.length).toBeGreaterThan(0);
    for (const f of garp) {
      expect(f.verdict).toBe('inconclusive');
      expect(f.message).toMatch(/cannot be seen: no capture holds any (ARP|neighbour discovery)/);
    }
    expect(garp[0]!.message).toMatch(/^10\.0\.0\.\d+ became master of VRID/);
  });
});
