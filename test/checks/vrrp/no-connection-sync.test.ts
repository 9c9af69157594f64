import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCases } from '../../support/check-cases.js';
import { findingsOf, fixtureExists } from '../../support/check-fixture.js';
import { FIXTURES } from '../../support/fixture-captures.js';
import { fixtureVariant, type Transform } from '../../support/transform-capture.js';

const CAPTURES = ['client', 'router', 'director', 'director2', 'rs1', 'rs2'];
const every = (t: Transform) => Object.fromEntries(CAPTURES.map((c) => [c, t]));

checkCases('vrrp/no-connection-sync', {
  pass: [
    { fixture: 'keepalived-failover-sync', why: 'both masters send IPVS sync messages' },
    { fixture: 'healthy-wrr', why: 'no VRRP' },
  ],
  fail: [
    { fixture: 'keepalived-failover', hosts: ['192.0.2.2', '192.0.2.3'] },
    { fixture: 'keepalived-vmac', hosts: ['192.0.2.2'], why: 'use_vmac: the master is found by its virtual MAC and its own' },
    { fixture: 'vrrp-split-brain', hosts: ['192.0.2.2', '192.0.2.3'] },
    { fixture: 'failover-sloppy-tcp', hosts: ['192.0.2.2', '192.0.2.3'] },
    {
      fixture: 'keepalived-failover-sync', why: 'captured with `not udp port 8848`: the sync messages are what made it pass',
      hosts: ['192.0.2.2', '192.0.2.3'],
      prepare: () => fixtureVariant(join(FIXTURES, 'keepalived-failover-sync'), every({ withoutUdpPort: 8848 })),
    },
    {
      fixture: 'keepalived-failover', why: 'captures stopped 2 s after the first connection: too soon to judge',
      hosts: ['192.0.2.2'], verdict: 'inconclusive',
      prepare: () => fixtureVariant(join(FIXTURES, 'keepalived-failover'), every({ stopAfterSeconds: 7 })),
    },
    {
      fixture: 'keepalived-failover-sync', why: 'captured with `host VIP or arp or vrrp`: no traffic from the directors\' own addresses, the sync messages left out with it',
      hosts: ['192.0.2.2', '192.0.2.3'], verdict: 'inconclusive',
      prepare: () => fixtureVariant(join(FIXTURES, 'keepalived-failover-sync'), every({ onlyHost: '192.0.2.100', orArpAndVrrp: true })),
    },
  ],
});

describe.skipIf(!fixtureExists('keepalived-failover-sync'))('vrrp/no-connection-sync on captures filtered on the VIP', () => {
  it('says the sync messages cannot be seen, and asks for their port in the filter', async () => {
    const dir = await fixtureVariant(join(FIXTURES, 'keepalived-failover-sync'), every({ onlyHost: '192.0.2.100', orArpAndVrrp: true }));
    const findings = await findingsOf('vrrp/no-connection-sync', 'keepalived-failover-sync', { dir });
    expect(findings.length).toBe(2);
    for (const f of findings) {
      expect(f.message).toMatch(/whether it syncs them to its backup cannot be seen: the captures hold only the VIP's traffic, ARP and VRRP/);
      expect(f.fix).toContain('udp port 8848');
    }
  });
});
