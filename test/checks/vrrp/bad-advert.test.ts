import { checkCases } from '../../support/check-cases.js';

checkCases('vrrp/bad-advert', {
  pass: [{ fixture: 'keepalived-failover' }],
  fail: [],
});
