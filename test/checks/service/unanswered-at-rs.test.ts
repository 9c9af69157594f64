import { checkCases } from '../../support/check-cases.js';

checkCases('service/unanswered-at-rs', {
  pass: [{ fixture: 'healthy-wrr' }],
  fail: [{ fixture: 'vip-missing-on-rs', hosts: ['192.0.2.12'] }],
});
