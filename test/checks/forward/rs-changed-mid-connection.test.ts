import { checkCases } from '../../support/check-cases.js';

checkCases('forward/rs-changed-mid-connection', {
  pass: [{ fixture: 'healthy-wrr' }, { fixture: 'keepalived-failover' }],
  fail: [{ fixture: 'failover-sloppy-tcp', hosts: ['192.0.2.3'] }],
});
