import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCases } from '../../support/check-cases.js';
import { FIXTURES, findingsOf, fixtureExists } from '../../support/check-fixture.js';
import { fixtureVariant, type Transform } from '../../support/transform-capture.js';

const HOSTS = ['client', 'director', 'router', 'rs1', 'rs2'];
const every = (t: Transform) => Object.fromEntries(HOSTS.map((h) => [h, t]));
// ARP flux captured with `tcp port 80`: the router sends every request to rs1, so the director's
// and rs2's captures hold nothing, and without ARP nothing else shows why.
const arpFluxPort80 = () => fixtureVariant(join(FIXTURES, 'arp-flux'), every({ onlyTcpPort: 80 }));

checkCases('capture/empty', {
  pass: [
    { fixture: 'healthy-wrr' },
    { fixture: 'arp-flux', why: 'rs2 received only ARP, and its capture says so' },
    { fixture: 'healthy-wrr-rotated', why: 'the first file of a tcpdump -G capture is empty, and belongs to the capture' },
  ],
  fail: [{ fixture: 'arp-flux', why: 'captured with tcp port 80', hosts: ['-'], verdict: 'inconclusive', noEvidence: true, prepare: arpFluxPort80 }],
});

describe.skipIf(!fixtureExists('arp-flux'))('capture/empty on the director', () => {
  it('says the requests may bypass the director; on another host, that nothing could be checked there', async () => {
    const findings = await findingsOf('capture/empty', 'arp-flux', { dir: await arpFluxPort80() });
    expect(findings.map((f) => f.message.slice(0, f.message.indexOf(':')))).toEqual(['director.pcapng (director) holds no packets', 'rs2.pcapng (rs2) holds no packets, so nothing could be checked from there']);
    expect(findings[0]!.message).toContain('bypass');
  });
});
