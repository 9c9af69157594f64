import { checkCases } from '../../support/check-cases.js';

checkCases('service/unanswered', {
  pass: [{ fixture: 'healthy-wrr' }, { fixture: 'vip-missing-on-rs', why: 'the real server\'s capture shows where' }],
  fail: [{ fixture: 'vip-missing-on-rs', captures: ['client'], ipvsadm: true, why: 'only the client was captured', hosts: ['198.51.100.10'] }],
});
