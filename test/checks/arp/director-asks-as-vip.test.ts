import { describe, expect, it } from 'vitest';
import { findingsOf, fixtureExists } from '../../support/check-fixture.js';
import { checkCases } from '../../support/check-cases.js';

checkCases('arp/director-asks-as-vip', {
  pass: [
    { fixture: 'healthy-wrr' },
    {
      fixture: 'keepalived-failover', captures: ['rs1', 'rs2'], ipvsadm: true,
      why: 'the new master resolves the router from the VIP (its own resets); the real servers\' replies show that MAC is the router',
    },
  ],
  fail: [
    { fixture: 'director-vip-not-32', hosts: ['192.0.2.100'], why: 'the VIP is the director\'s primary address; its DIP never appears on the wire' },
    { fixture: 'director-local-client', hosts: ['192.0.2.2'], why: 'curl to the VIP on the director itself' },
  ],
});

describe('arp/director-asks-as-vip causes', () => {
  it.skipIf(!fixtureExists('director-local-client') && process.env.CI !== 'true')('tells the director\'s own connections to the VIP from a non-/32 VIP', async () => {
    const local = await findingsOf('arp/director-asks-as-vip', 'director-local-client', {});
    const not32 = await findingsOf('arp/director-asks-as-vip', 'director-vip-not-32', {});
    expect(local.map((f) => f.fix)).toEqual([expect.stringMatching(/^A program on the director connects to the VIP/)]);
    expect(not32.map((f) => f.fix)).toEqual([expect.stringMatching(/^Add the VIP as \/32/)]);
  });
});
