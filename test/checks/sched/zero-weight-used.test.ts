import { checkCases } from '../../support/check-cases.js';

checkCases('sched/zero-weight-used', {
  pass: [{ fixture: 'healthy-wrr', ipvsadm: true }, { fixture: 'zero-weight-rs', ipvsadm: true }],
  fail: [{ fixture: 'healthy-wrr', why: 'analysed against rs2 at weight 0', ipvsadmText: '-A -t 192.0.2.100:80 -s wrr\n-a -t 192.0.2.100:80 -r 192.0.2.11:80 -g -w 1\n-a -t 192.0.2.100:80 -r 192.0.2.12:80 -g -w 0\n', hosts: ['192.0.2.12'] }],
});
