import { checkCases } from '../../support/check-cases.js';

checkCases('sched/persistence-broken', {
  pass: [{ fixture: 'healthy-rr-persistent', ipvsadm: true }],
  fail: [
    { fixture: 'persistence-broken', ipvsadmFile: 'ipvsadm-claimed.txt', why: 'the healthy-wrr captures against another configuration', hosts: ['192.0.2.2'] },
    { fixture: 'persistence-broken', captures: ['director'], ipvsadmFile: 'ipvsadm-claimed.txt', why: 'the director alone: the clients\' handshake ACKs show rs2 answered', hosts: ['192.0.2.2'] },
  ],
});
