import { checkCases } from '../../support/check-cases.js';

checkCases('sched/weight-mismatch', {
  pass: [{ fixture: 'healthy-wrr', ipvsadm: true }, { fixture: 'healthy-rr-persistent', ipvsadm: true }],
  fail: [{ fixture: 'healthy-wrr', why: 'analysed against weights 3:1', ipvsadmText: '-A -t 192.0.2.100:80 -s wrr\n-a -t 192.0.2.100:80 -r 192.0.2.11:80 -g -w 3\n-a -t 192.0.2.100:80 -r 192.0.2.12:80 -g -w 1\n', hosts: ['192.0.2.2'] }],
});
