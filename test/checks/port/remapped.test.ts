import { checkCases } from '../../support/check-cases.js';

checkCases('port/remapped', {
  pass: [{ fixture: 'healthy-wrr' }, { fixture: 'port-remap', why: 'ipvsadm stored the service port: nothing is remapped on the wire' }],
  fail: [{ fixture: 'nat-mode-port-map', hosts: ['192.0.2.11', '192.0.2.12'] }],
});
