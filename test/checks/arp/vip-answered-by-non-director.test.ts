import { checkCases } from '../../support/check-cases.js';

checkCases('arp/vip-answered-by-non-director', {
  pass: [{ fixture: 'healthy-wrr' }],
  fail: [
    { fixture: 'arp-flux', hosts: ['02:00:00:00:02:11'], why: 'rs1 never shows its RIP on the wire' },
    { fixture: 'kube-ipvs-no-strict-arp', hosts: ['02:00:00:00:02:11', '02:00:00:00:02:12'], why: 'both real servers hold the VIP on kube-ipvs0 with arp_ignore=0; rs1, sent nothing, answers like the director' },
    {
      fixture: 'kube-ipvs-no-strict-arp', captures: ['router', 'director', 'rs1'], hosts: ['02:00:00:00:02:11', '02:00:00:00:02:12'],
      why: 'rs2 not captured: the capture names still tell rs1 from the director',
    },
  ],
});
