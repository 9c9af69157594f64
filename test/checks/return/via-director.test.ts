import { checkCases } from '../../support/check-cases.js';

checkCases('return/via-director', {
  pass: [{ fixture: 'healthy-wrr' }],
  fail: [{ fixture: 'rs-gateway-director', hosts: ['192.0.2.11'] }],
});
