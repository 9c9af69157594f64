import { checkCases } from '../../support/check-cases.js';

checkCases('vrrp/multiple-masters', {
  pass: [{ fixture: 'keepalived-failover' }],
  fail: [{ fixture: 'vrrp-split-brain', hosts: ['192.0.2.2', '192.0.2.3'] }],
});
