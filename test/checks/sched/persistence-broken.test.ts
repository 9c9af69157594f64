import { checkCases } from '../../support/check-cases.js';

checkCases('sched/persistence-broken', {
  pass: [{ fixture: 'healthy-rr-persistent', ipvsadm: true }],
  fail: [{ fixture: 'healthy-wrr', why: 'analysed against a persistent configuration', ipvsadmText: '-A -t 192.0.2.100:80 -s wrr -p 300\n-a -t 192.0.2.100:80 -r 192.0.2.11:80 -g -w 1\n-a -t 192.0.2.100:80 -r 192.0.2.12:80 -g -w 2\n', hosts: ['192.0.2.2'] }],
});
