import { checkCases } from '../../support/check-cases.js';

checkCases('sched/weight-mismatch', {
  pass: [{ fixture: 'healthy-wrr', ipvsadm: true }, { fixture: 'healthy-rr-persistent', ipvsadm: true }],
  fail: [{ fixture: 'weight-mismatch', ipvsadmFile: 'ipvsadm-claimed.txt', why: 'the healthy-wrr captures against another configuration', hosts: ['192.0.2.2'] }],
});
