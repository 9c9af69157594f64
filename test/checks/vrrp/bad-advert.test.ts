import { checkCases } from '../../support/check-cases.js';

checkCases('vrrp/bad-advert', {
  pass: [{ fixture: 'keepalived-failover' }],
  fail: [{ fixture: 'vrrp-auth-mismatch', hosts: ['192.0.2.3'] }],
});
