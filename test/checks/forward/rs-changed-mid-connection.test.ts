import { checkCases } from '../../support/check-cases.js';

checkCases('forward/rs-changed-mid-connection', {
  pass: [
    { fixture: 'healthy-wrr' },
    { fixture: 'keepalived-failover' },
    { fixture: 'healthy-udp-ops', ipvsadm: true, why: 'one-packet scheduling (-o) schedules every datagram on its own' },
  ],
  fail: [
    { fixture: 'failover-sloppy-tcp', hosts: ['192.0.2.3'] },
    {
      fixture: 'healthy-udp-ops', verdict: 'inconclusive', hosts: ['192.0.2.2'],
      why: 'UDP datagrams of one socket on two real servers, and no configuration says whether the service uses --ops',
    },
  ],
});
