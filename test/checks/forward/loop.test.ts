import { describe, expect, it } from 'vitest';
import { checkCases } from '../../support/check-cases.js';
import { analyzeCorpusFile, corpusAvailable } from '../../support/corpus-file.js';

checkCases('forward/loop', {
  pass: [{ fixture: 'healthy-wrr' }],
  fail: [{ fixture: 'rs-forwarding-loop', hosts: ['192.0.2.12'] }],
});

// A public capture (tcpdump's tests) of a PGM stream to 239.255.0.16 that holds one packet
// twice, with TTL 16 and TTL 1: a multicast router sent it on, which is no loop.
const MULTICAST = 'tcpdump/tests/pgm_zmtp1.pcap';

describe.skipIf(!corpusAvailable(MULTICAST))('forward/loop and group addresses', () => {
  it('does not report a multicast packet seen again with a lower TTL', async () => {
    const report = await analyzeCorpusFile(MULTICAST);
    expect(report.findings.filter((f) => f.check === 'forward/loop')).toEqual([]);
    expect(report.captures[0]!.frames).toBeGreaterThan(0);
  });
});
