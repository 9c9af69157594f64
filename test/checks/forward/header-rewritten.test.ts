import { checkCases } from '../../support/check-cases.js';

checkCases('forward/header-rewritten', {
  pass: [
    { fixture: 'healthy-wrr' },
    { fixture: 'rs-forwarding-loop', why: 'each pass of a loop changes only the TTL' },
    { fixture: 'lan-client-offload', why: 'the client\'s own capture holds TCP checksums its NIC fills in later' },
    { fixture: 'lan-client-offload', captures: ['client', 'director'], why: 'the director\'s own copy of each arrival is preferred to the client\'s' },
    { fixture: 'lan-client-offload', captures: ['client', 'rs1', 'rs2'], why: 'only the client\'s copy of each arrival: checksums left out' },
    { fixture: 'healthy-gro', why: 'GRO at the director and the real servers: merged frames the router sent as segments' },
    { fixture: 'director-two-nics', why: 'in on the front NIC, out of the back NIC: only MACs and TTL differ' },
    { fixture: 'healthy-tun', why: 'tunnelled copies: the inner packet changes only its TTL' },
    { fixture: 'tun6-vip-source', why: 'IPv6 SYN retransmissions share an identity: each copy pairs with its own arrival' },
  ],
  fail: [
    { fixture: 'nat-mode-port-map', hosts: ['192.0.2.2'] },
    { fixture: 'director-two-nics-nat', captures: ['client', 'director', 'director-eth1'], hosts: ['203.0.113.2'], why: 'the arrival at the front NIC against the copy leaving the back NIC: the real servers\' captures left out' },
  ],
});
