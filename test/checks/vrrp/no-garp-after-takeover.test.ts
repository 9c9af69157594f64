import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCases } from '../../support/check-cases.js';
import { FIXTURES, findingsOf, fixtureExists } from '../../support/check-fixture.js';
import { fixtureVariant } from '../../support/transform-capture.js';

const VRRP = 112;
const HOSTS = ['client', 'director', 'director2', 'router', 'rs1', 'rs2'];
// Every capture as `tcpdump vrrp` would have written it: the adverts, no ARP at all.
const onlyVrrp = (fixture: string) => () => fixtureVariant(join(FIXTURES, fixture), Object.fromEntries(HOSTS.map((h) => [h, { onlyIpProtocol: VRRP }])));

checkCases('vrrp/no-garp-after-takeover', {
  pass: [{ fixture: 'keepalived-failover' }],
  fail: [
    { fixture: 'vrrp-garp-blocked', hosts: ['192.0.2.3'] },
    { fixture: 'keepalived-failover', why: 'captured with a vrrp filter: no ARP to judge', hosts: ['192.0.2.3'], verdict: 'inconclusive', prepare: onlyVrrp('keepalived-failover') },
  ],
});

describe.skipIf(!fixtureExists('keepalived-failover'))('vrrp/no-garp-after-takeover without ARP in the captures', () => {
  it('says the announcements cannot be seen rather than that none was sent', async () => {
    const [f, ...rest] = await findingsOf('vrrp/no-garp-after-takeover', 'keepalived-failover', { dir: await onlyVrrp('keepalived-failover')() });
    expect(rest).toEqual([]);
    expect(f!.message).toMatch(/^192\.0\.2\.3 became master of VRID \d+; whether it announced 192\.0\.2\.100 cannot be seen: no capture holds any ARP/);
    expect(f!.seen).toBe('no ARP frame in any capture');
    expect(f!.fix).toContain('vrrp or arp');
  });
});
