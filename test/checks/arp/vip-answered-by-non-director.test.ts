import { checkCases } from '../../support/check-cases.js';

checkCases('arp/vip-answered-by-non-director', {
  pass: [{ fixture: 'healthy-wrr' }],
  fail: [{ fixture: 'arp-flux', hosts: ['02:00:00:00:02:11'], why: 'rs1 never shows its RIP on the wire' }],
});
