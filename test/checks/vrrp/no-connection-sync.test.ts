import { join } from 'node:path';
import { checkCases } from '../../support/check-cases.js';
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
  ],
});
