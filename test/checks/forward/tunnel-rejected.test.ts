import { checkCases } from '../../support/check-cases.js';

checkCases('forward/tunnel-rejected', {
  pass: [{ fixture: 'healthy-tun' }, { fixture: 'healthy-wrr' }],
  fail: [{ fixture: 'tun-rs-tunl0-down', hosts: ['192.0.2.12'] }],
});
