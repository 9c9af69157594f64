import { checkCases } from '../../support/check-cases.js';

checkCases('capture/no-link-addresses', {
  pass: [{ fixture: 'healthy-wrr' }],
  fail: [{ fixture: 'healthy-wrr-sll2', hosts: ['192.0.2.2'], verdict: 'inconclusive', noEvidence: true }],
});
