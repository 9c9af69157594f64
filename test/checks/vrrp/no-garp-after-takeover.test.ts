import { checkCases } from '../../support/check-cases.js';

checkCases('vrrp/no-garp-after-takeover', {
  pass: [{ fixture: 'keepalived-failover' }],
  fail: [{ fixture: 'vrrp-garp-blocked', hosts: ['192.0.2.3'] }],
});
