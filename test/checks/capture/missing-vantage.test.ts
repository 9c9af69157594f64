import { checkCases } from '../../support/check-cases.js';

checkCases('capture/missing-vantage', {
  pass: [{ fixture: 'healthy-wrr' }],
  fail: [{ fixture: 'healthy-wrr', captures: ['client', 'director', 'router', 'rs1'], hosts: ['192.0.2.12'], verdict: 'inconclusive', noEvidence: true }],
});
