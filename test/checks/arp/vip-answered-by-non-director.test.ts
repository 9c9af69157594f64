import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCases } from '../../support/check-cases.js';
import { FIXTURES, findingsOf, fixtureExists } from '../../support/check-fixture.js';
import { fixtureVariant } from '../../support/transform-capture.js';

// Every capture of healthy-wrr as a raw-IP interface (a tunnel) would have written it: no ARP,
// and no MACs to tell the director by, so the VIP comes from the director's table.
const ipvsadmText = readFileSync(join(FIXTURES, 'healthy-wrr', 'ipvsadm-S.txt'), 'utf8');
const rawIpOnly = () => fixtureVariant(join(FIXTURES, 'healthy-wrr'), Object.fromEntries(['client', 'director', 'router', 'rs1', 'rs2'].map((h) => [h, { rawIp: true }])));

checkCases('arp/vip-answered-by-non-director', {
  pass: [
    { fixture: 'healthy-wrr' },
    { fixture: 'healthy-wrr', why: 'every capture raw IP and no VIP known: capture/missing-vantage says so', prepare: rawIpOnly },
  ],
  fail: [
    { fixture: 'arp-flux', hosts: ['02:00:00:00:02:11'], why: 'rs1 never shows its RIP on the wire' },
    { fixture: 'arp-flux-any', hosts: ['02:00:00:00:02:11'], why: 'every host captured with tcpdump -i any' },
    { fixture: 'kube-ipvs-no-strict-arp', hosts: ['02:00:00:00:02:11', '02:00:00:00:02:12'], why: 'both real servers hold the VIP on kube-ipvs0 with arp_ignore=0; rs1, sent nothing, answers like the director' },
    {
      fixture: 'kube-ipvs-no-strict-arp', captures: ['router', 'director', 'rs1'], hosts: ['02:00:00:00:02:11', '02:00:00:00:02:12'],
      why: 'rs2 not captured: the capture names still tell rs1 from the director',
    },
    { fixture: 'healthy-wrr', why: 'every capture raw IP: no ARP to judge', hosts: ['-'], verdict: 'inconclusive', noEvidence: true, prepare: rawIpOnly, ipvsadmText },
  ],
});

describe.skipIf(!fixtureExists('healthy-wrr'))('arp/vip-answered-by-non-director without link-layer frames', () => {
  it('says why it cannot judge, naming the captures, with no placeholder for a host', async () => {
    const [f, ...rest] = await findingsOf('arp/vip-answered-by-non-director', 'healthy-wrr', { dir: await rawIpOnly(), ipvsadmText });
    expect(rest).toEqual([]);
    expect(f!.message).toBe('Who answers ARP for the VIP cannot be seen: no capture carries link-layer frames (client, director, router, rs1, rs2), so none holds ARP.');
    expect(f!.fix).toContain('not on a tunnel, loopback or raw-IP interface');
  });
});
