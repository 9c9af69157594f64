import { checkCases } from '../../support/check-cases.js';

checkCases('nd/vip-advertised-by-non-director', {
  pass: [{ fixture: 'healthy-ipv6' }],
  fail: [{ fixture: 'ipv6-vip-on-rs-eth0', hosts: ['2001:db8:2::11'] }],
});
