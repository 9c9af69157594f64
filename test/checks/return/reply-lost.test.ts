import { checkCases } from '../../support/check-cases.js';

checkCases('return/reply-lost', {
  pass: [
    { fixture: 'healthy-wrr' },
    { fixture: 'lan-client-offload', why: 'replies straight to a client on the LAN' },
    { fixture: 'rs-gateway-director', why: 'return/via-director explains it' },
    { fixture: 'vip-missing-on-rs', why: 'the real server never answered' },
  ],
  fail: [
    { fixture: 'return-path-filtered', hosts: ['192.0.2.11', '192.0.2.12'], why: 'the router never receives the replies addressed to it' },
    { fixture: 'return-path-filtered', captures: ['client', 'rs1', 'rs2'], ipvsadm: true, hosts: ['192.0.2.11', '192.0.2.12'], why: 'the client\'s capture alone on the client side' },
  ],
});
