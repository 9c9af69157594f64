import { checkCases } from '../../support/check-cases.js';

checkCases('vrrp/no-garp-after-takeover', {
  pass: [{ fixture: 'keepalived-failover' }],
  fail: [],
});
