import { checkCases } from '../../support/check-cases.js';

checkCases('arp/vip-owner-changed', {
  pass: [
    { fixture: 'healthy-wrr' },
    { fixture: 'healthy-wrr', captures: ['client'], why: 'a client behind a router sends VIP traffic to its gateway' },
    {
      fixture: 'healthy-wrr', captures: ['client', 'rs1', 'rs2'], ipvsadm: true,
      why: 'no director capture: its forwarded copies in the real servers\' captures, and its ARP for their addresses, show it is the director',
    },
    {
      fixture: 'port-remap', captures: ['rs1', 'rs2'], ipvsadm: true,
      why: 'no director known (the real servers only reset): its forwarded copies cannot be told from a stray sender\'s',
    },
  ],
  fail: [{ fixture: 'arp-flux', hosts: ['02:00:00:00:02:11'] }],
});
