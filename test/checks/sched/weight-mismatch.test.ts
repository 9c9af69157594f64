import { checkCases } from '../../support/check-cases.js';
import { LOCAL_AS_LOOPBACK, LOCAL_WEIGHT_ZERO } from '../../support/local-node-tables.js';

const WLC_CLAIMED = ['-A -t 192.0.2.100:80 -s wlc', '-a -t 192.0.2.100:80 -r 192.0.2.11:80 -g -w 1', '-a -t 192.0.2.100:80 -r 192.0.2.12:80 -g -w 2', ''].join('\n');

checkCases('sched/weight-mismatch', {
  pass: [
    { fixture: 'healthy-wrr', ipvsadm: true },
    { fixture: 'healthy-rr-persistent', ipvsadm: true },
    { fixture: 'healthy-wrr', captures: ['rs1', 'rs2'], ipvsadm: true, why: 'every real server\'s own capture: all connections placed' },
    { fixture: 'healthy-operator-traceroute', captures: ['client', 'router', 'rs1', 'rs2'], ipvsadm: true, why: 'traceroute\'s SYNs that died of TTL are no holes' },
    { fixture: 'healthy-sh', ipvsadm: true, why: 'sh: 60 connections of one client all on rs2, as the source hash says' },
    { fixture: 'director-localnode', ipvsadm: true, why: 'the director serves its third itself (LocalNode, -r DIP)' },
    { fixture: 'director-localnode', ipvsadmText: LOCAL_AS_LOOPBACK, why: 'the same, configured as -r 127.0.0.1' },
  ],
  fail: [
    {
      fixture: 'healthy-wrr', captures: ['client', 'rs1'], ipvsadm: true, hosts: ['192.0.2.2'], verdict: 'inconclusive',
      why: 'rs2\'s connections are seen only at the client: the sequence has holes, not judged',
    },
    {
      fixture: 'healthy-wrr', captures: ['rs1'], ipvsadm: true, hosts: ['192.0.2.2'], verdict: 'inconclusive',
      why: 'rs1\'s own capture alone: rs2\'s connections are in no capture, not even as holes',
    },
    {
      fixture: 'keepalived-sorry-server', keepalived: ['keepalived.conf'], hosts: ['192.0.2.2'], verdict: 'inconclusive',
      why: 'connections on the sorry server: the table changed during the capture',
    },
    { fixture: 'weight-mismatch', ipvsadmFile: 'ipvsadm-claimed.txt', why: 'the healthy-wrr captures against another configuration', hosts: ['192.0.2.2'] },
    {
      fixture: 'healthy-sh', ipvsadmText: WLC_CLAIMED, hosts: ['192.0.2.2'],
      why: 'the sh captures against a wlc table: 60 connections, none on rs1, where wlc gives it a third',
    },
    { fixture: 'director-localnode', ipvsadmText: LOCAL_WEIGHT_ZERO, hosts: ['192.0.2.2'], why: 'the director, weight 0, serves a third itself' },
    {
      fixture: 'healthy-udp-ops', ipvsadm: true, hosts: ['192.0.2.2'], verdict: 'inconclusive',
      why: 'one-packet scheduling decides per datagram: the spread of new sockets is not judged',
    },
  ],
});
