import { checkCases } from '../../support/check-cases.js';

checkCases('nd/vip-unresolved', {
  pass: [
    { fixture: 'healthy-ipv6' },
    { fixture: 'ipv6-vip-on-rs-eth0', why: 'rs1 answers for the VIP6, wrongly but it does' },
  ],
  fail: [
    { fixture: 'director-vip6-on-lo', hosts: ['2001:db8:2::100'], why: 'the VIP6 on the director\'s lo' },
    { fixture: 'director-vip6-on-lo', captures: ['client'], hosts: ['2001:db8:2::100'], why: 'the router\'s ICMPv6 address unreachable alone' },
  ],
});
