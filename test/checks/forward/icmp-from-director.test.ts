import { checkCases } from '../../support/check-cases.js';

checkCases('forward/icmp-from-director', {
  // A real server's error about a tunnelled packet, relayed to the client: forward/tunnel-rejected's.
  pass: [{ fixture: 'healthy-wrr' }, { fixture: 'tun-rs-tunl0-down' }],
  fail: [
    { fixture: 'mtu-to-rs', hosts: ['192.0.2.2'] },
    { fixture: 'tun-rs-tunl0-down', captures: ['router'], hosts: ['192.0.2.2'], why: 'the real server\'s error not captured' },
  ],
});
