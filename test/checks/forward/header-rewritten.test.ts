import { checkCases } from '../../support/check-cases.js';

checkCases('forward/header-rewritten', {
  pass: [{ fixture: 'healthy-wrr' }, { fixture: 'rs-forwarding-loop', why: 'each pass of a loop changes only the TTL' }],
  fail: [{ fixture: 'nat-mode-port-map', hosts: ['192.0.2.2'] }],
});
