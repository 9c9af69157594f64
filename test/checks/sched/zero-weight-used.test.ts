import { checkCases } from '../../support/check-cases.js';
import { LOCAL_WEIGHT_ZERO } from '../../support/local-node-tables.js';

checkCases('sched/zero-weight-used', {
  pass: [{ fixture: 'healthy-wrr', ipvsadm: true }, { fixture: 'zero-weight-rs', ipvsadm: true }],
  fail: [
    { fixture: 'zero-weight-used', ipvsadmFile: 'ipvsadm-claimed.txt', why: 'the healthy-wrr captures against another configuration', hosts: ['192.0.2.12'] },
    { fixture: 'director-localnode', ipvsadmText: LOCAL_WEIGHT_ZERO, hosts: ['192.0.2.2'], why: 'the director, weight 0, serves connections itself (LocalNode)' },
  ],
});
