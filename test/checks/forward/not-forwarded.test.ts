import { checkCases } from '../../support/check-cases.js';

checkCases('forward/not-forwarded', {
  pass: [{ fixture: 'healthy-wrr' }],
  fail: [{ fixture: 'director-firewall-drop', hosts: ['192.0.2.100'], why: 'the DIP never appears on the wire: the director is named by the VIP it owns' }],
});
