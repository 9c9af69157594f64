import { checkCases } from '../../support/check-cases.js';

checkCases('service/refused-by-rs', {
  pass: [
    { fixture: 'healthy-wrr' },
    { fixture: 'healthy-operator-probes', captures: ['client'], ipvsadm: true, why: 'a refusal of VIP:443, which the table leaves closed' },
  ],
  fail: [{ fixture: 'rs-bound-to-rip', hosts: ['192.0.2.12'] }, { fixture: 'rs-service-down', hosts: ['192.0.2.12'] }],
});
