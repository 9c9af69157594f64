import { checkCases } from '../../support/check-cases.js';

checkCases('forward/tunnel-source-vip', {
  pass: [{ fixture: 'healthy-tun6' }, { fixture: 'healthy-tun' }],
  fail: [{ fixture: 'tun6-vip-source', hosts: ['2001:db8:2::2'] }],
});
