import { checkCases } from '../../support/check-cases.js';

checkCases('forward/loop', {
  pass: [{ fixture: 'healthy-wrr' }],
  fail: [{ fixture: 'rs-forwarding-loop', hosts: ['192.0.2.12'] }],
});
