import { checkCases } from '../../support/check-cases.js';

checkCases('service/unanswered-at-rs', {
  pass: [{ fixture: 'healthy-wrr' }, { fixture: 'return-path-filtered', why: 'the real servers answer; their replies are lost later' }],
  fail: [
    { fixture: 'vip-missing-on-rs', hosts: ['192.0.2.12'] },
    { fixture: 'rs-vip-prefix-on-lo', hosts: ['192.0.2.12'], why: 'the VIP on lo as /24 makes the on-link client local to rs2' },
  ],
});
