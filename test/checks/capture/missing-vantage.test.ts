import { checkCases } from '../../support/check-cases.js';

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
