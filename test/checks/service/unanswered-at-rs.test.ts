import { checkCases } from '../../support/check-cases.js';

checkCases('service/unanswered-at-rs', {
  pass: [{ fixture: 'healthy-wrr' }, { fixture: 'return-path-filtered', why: 'the real servers answer; their replies are lost later' }],
  fail: [
    { fixture: 'vip-missing-on-rs', hosts: ['192.0.2.12'] },
    { fixture: 'rs-rp-filter', hosts: ['192.0.2.12'], why: 'strict rp_filter on a multi-homed rs2 drops what arrives on eth0' },
    { fixture: 'tun-rs-rp-filter', hosts: ['192.0.2.12'], why: 'strict rp_filter drops the decapsulated packets arriving on tunl0' },
    { fixture: 'rs-vip-prefix-on-lo', hosts: ['192.0.2.12'], why: 'the VIP on lo as /24 makes the on-link client local to rs2' },
  ],
});
