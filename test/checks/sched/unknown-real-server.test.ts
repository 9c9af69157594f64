import { checkCases } from '../../support/check-cases.js';
import { LOCAL_AS_LOOPBACK, WITHOUT_LOCAL } from '../../support/local-node-tables.js';

checkCases('sched/unknown-real-server', {
  pass: [
    { fixture: 'healthy-wrr', ipvsadm: true },
    { fixture: 'director-localnode', ipvsadm: true, why: 'the director serves connections itself and is configured (-r DIP)' },
    { fixture: 'director-localnode', ipvsadmText: LOCAL_AS_LOOPBACK, why: 'the same, configured as -r 127.0.0.1' },
    { fixture: 'keepalived-sorry-server', keepalived: ['keepalived.conf'], why: 'keepalived\'s sorry_server, in the table once every real server failed its check' },
  ],
  fail: [
    { fixture: 'healthy-wrr', why: 'analysed against a table without rs2', ipvsadmText: '-A -t 192.0.2.100:80 -s wrr\n-a -t 192.0.2.100:80 -r 192.0.2.11:80 -g -w 1\n', hosts: ['192.0.2.12'] },
    {
      fixture: 'keepalived-sorry-server', ipvsadm: true, hosts: ['192.0.2.11', '192.0.2.12'],
      why: 'the table at the end of the run lists only the sorry server, which keepalived swapped in for rs1 and rs2',
    },
    { fixture: 'director-localnode', ipvsadmText: WITHOUT_LOCAL, hosts: ['192.0.2.2'], why: 'the director serves connections itself, but the table lists only rs1 and rs2' },
  ],
});
