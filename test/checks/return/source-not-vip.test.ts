import { checkCases } from '../../support/check-cases.js';

checkCases('return/source-not-vip', {
  pass: [{ fixture: 'healthy-wrr' }, { fixture: 'healthy-udp', why: 'the UDP server is bound to the VIP' }],
  fail: [{ fixture: 'rs-reply-from-rip', hosts: ['192.0.2.11', '192.0.2.12'] }],
});
