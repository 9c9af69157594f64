import { checkCases } from '../../support/check-cases.js';

checkCases('service/refused-by-rs', {
  pass: [{ fixture: 'healthy-wrr' }],
  fail: [{ fixture: 'rs-bound-to-rip', hosts: ['192.0.2.12'] }, { fixture: 'rs-service-down', hosts: ['192.0.2.12'] }],
});
