import { checkCases } from '../../support/check-cases.js';

checkCases('sched/zero-weight-used', {
  pass: [{ fixture: 'healthy-wrr', ipvsadm: true }, { fixture: 'zero-weight-rs', ipvsadm: true }],
  fail: [{ fixture: 'zero-weight-used', ipvsadmFile: 'ipvsadm-claimed.txt', why: 'the healthy-wrr captures against another configuration', hosts: ['192.0.2.12'] }],
});
