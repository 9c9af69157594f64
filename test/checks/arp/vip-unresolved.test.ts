import { checkCases } from '../../support/check-cases.js';

checkCases('arp/vip-unresolved', {
  pass: [
    { fixture: 'healthy-wrr' },
    { fixture: 'keepalived-failover', why: 'the new master announces the VIP' },
    { fixture: 'vrrp-garp-blocked', why: 'the new master\'s gratuitous ARPs are dropped, but the router\'s requests are answered' },
    { fixture: 'healthy-wrr', captures: ['rs1', 'rs2'], why: 'the real servers see the request but not the unicast reply: one request is not a failure' },
  ],
  fail: [
    { fixture: 'director-arp-ignore', hosts: ['192.0.2.100'], why: 'the VIP on the director\'s lo with arp_ignore=1' },
    { fixture: 'director-arp-ignore', captures: ['director', 'rs1'], hosts: ['192.0.2.100'], why: 'the unanswered broadcasts alone, VIP known from the configuration', ipvsadm: true },
    { fixture: 'director-arp-ignore', captures: ['client'], hosts: ['192.0.2.100'], why: 'the router\'s ICMP host unreachable alone' },
  ],
});
