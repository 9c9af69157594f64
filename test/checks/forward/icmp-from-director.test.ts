import { checkCases } from '../../support/check-cases.js';

checkCases('forward/icmp-from-director', {
  pass: [{ fixture: 'healthy-wrr' }],
  fail: [{ fixture: 'mtu-to-rs', hosts: ['192.0.2.2'] }],
});
