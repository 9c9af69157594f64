import { checkCases } from '../../support/check-cases.js';

checkCases('arp/director-asks-as-vip', {
  pass: [{ fixture: 'healthy-wrr' }],
  fail: [{ fixture: 'director-vip-not-32', hosts: ['192.0.2.100'], why: 'the VIP is the director\'s primary address; its DIP never appears on the wire' }],
});
