import { checkCases } from '../../support/check-cases.js';

checkCases('service/reset-by-director', {
  pass: [{ fixture: 'healthy-wrr' }],
  fail: [{ fixture: 'keepalived-failover', hosts: ['192.0.2.3'] }, { fixture: 'keepalived-vmac-failover', hosts: ['192.0.2.3'], why: 'use_vmac: the RST leaves from director2\'s own MAC' }],
});
