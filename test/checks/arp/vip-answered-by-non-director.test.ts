import { checkCases } from '../../support/check-cases.js';

checkCases('arp/vip-answered-by-non-director', {
  pass: [{ fixture: 'healthy-wrr' }],
  fail: [{ fixture: 'arp-flux', hosts: ['192.0.2.11'] }],
});
