import { checkCases } from '../../support/check-cases.js';

checkCases('service/unanswered', {
  pass: [
    { fixture: 'healthy-wrr' },
    { fixture: 'vip-missing-on-rs', why: 'the real server\'s capture shows where' },
    { fixture: 'healthy-udp' },
    { fixture: 'healthy-wrr', captures: ['director'], why: 'DR replies bypass the director; the client\'s handshake ACKs show the SYN-ACKs arrived' },
  ],
  fail: [
    { fixture: 'vip-missing-on-rs', captures: ['client'], ipvsadm: true, why: 'only the client was captured', hosts: ['198.51.100.10'] },
    { fixture: 'vip-missing-on-rs', captures: ['director'], why: 'the director alone: SYNs sent to rs2 are only retransmitted, never acknowledged', hosts: ['198.51.100.10'] },
    {
      fixture: 'healthy-udp', captures: ['director'], verdict: 'inconclusive', hosts: ['198.51.100.10'],
      why: 'UDP seen only at the director: its replies bypass it, and no handshake tells',
    },
  ],
});
