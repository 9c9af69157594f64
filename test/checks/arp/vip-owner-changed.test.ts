import { checkCases } from '../../support/check-cases.js';

checkCases('arp/vip-owner-changed', {
  pass: [{ fixture: 'healthy-wrr' }, { fixture: 'healthy-wrr', captures: ['client'], why: 'a client behind a router sends VIP traffic to its gateway' }],
  fail: [{ fixture: 'arp-flux', hosts: ['02:00:00:00:02:11'] }],
});
