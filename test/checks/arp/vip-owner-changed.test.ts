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
      fixture: 'keepalived-unicast-failover', captures: ['router'], keepalived: ['keepalived.conf', 'keepalived.director2.conf'],
      why: 'unicast VRRP: the keepalived configurations name both directors (unicast_src_ip, unicast_peer), whose adverts the router never sees',
    },
    {
      fixture: 'port-remap', captures: ['rs1', 'rs2'], ipvsadm: true,
      why: 'no director known (the real servers only reset): its forwarded copies cannot be told from a stray sender\'s',
    },
  ],
  fail: [
    { fixture: 'arp-flux', hosts: ['02:00:00:00:02:11'] },
    { fixture: 'arp-flux-any', hosts: ['02:00:00:00:02:11'], why: 'every host captured with tcpdump -i any: rs1\'s capture shows the router\'s frames arriving addressed to it' },
    {
      fixture: 'keepalived-unicast-failover', captures: ['router'], hosts: ['192.0.2.3'],
      why: 'the router alone, unicast VRRP: no advert shows director2 taking over, so nothing tells the failover from ARP flux',
    },
  ],
});
