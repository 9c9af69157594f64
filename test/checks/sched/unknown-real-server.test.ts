import { checkCases } from '../../support/check-cases.js';

checkCases('sched/unknown-real-server', {
  pass: [{ fixture: 'healthy-wrr', ipvsadm: true }],
  fail: [{ fixture: 'healthy-wrr', why: 'analysed against a table without rs2', ipvsadmText: '-A -t 192.0.2.100:80 -s wrr\n-a -t 192.0.2.100:80 -r 192.0.2.11:80 -g -w 1\n', hosts: ['192.0.2.12'] }],
});
