import { checkCases } from '../../support/check-cases.js';

checkCases('arp/vip-announced-by-non-director', {
  pass: [{ fixture: 'healthy-wrr' }, { fixture: 'keepalived-failover', why: 'the directors\' own gratuitous ARPs' }],
  fail: [{ fixture: 'arp-announce-flux', hosts: ['192.0.2.11'] }],
});
