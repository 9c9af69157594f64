import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCases } from '../../support/check-cases.js';
import { FIXTURES, findingsOf, fixtureExists } from '../../support/check-fixture.js';
import { fixtureVariant } from '../../support/transform-capture.js';

// What `tcpdump host RIP` (or `host DIP`) writes on that host: ARP and the host's own
// traffic, none of the clients' packets, which are addressed to the VIP on every hop.
const filteredOnOwnAddress = (fixture: string, host: string, ip: string) => () => fixtureVariant(join(FIXTURES, fixture), { [host]: { onlyHost: ip } });

checkCases('capture/vip-traffic-missing', {
  pass: [
    { fixture: 'healthy-wrr' },
    { fixture: 'zero-weight-rs', why: 'rs2 has weight 0: no packet was sent to it, and its capture holds only broadcast ARP' },
    { fixture: 'keepalived-failover', why: 'each director\'s capture holds the traffic of the time it was master' },
    { fixture: 'healthy-tun', why: 'rs1 captured with host RIP: the tunnel\'s outer header carries the RIP', prepare: filteredOnOwnAddress('healthy-tun', 'rs1', '192.0.2.11') },
  ],
  fail: [
    { fixture: 'healthy-wrr', why: 'rs1 captured with host RIP', hosts: ['192.0.2.11'], verdict: 'inconclusive', prepare: filteredOnOwnAddress('healthy-wrr', 'rs1', '192.0.2.11') },
    { fixture: 'healthy-wrr', why: 'the director captured with host DIP', hosts: ['192.0.2.2'], verdict: 'inconclusive', prepare: filteredOnOwnAddress('healthy-wrr', 'director', '192.0.2.2') },
    {
      fixture: 'healthy-wrr', captures: ['client', 'director', 'rs1', 'rs2'], why: 'the director captured with host DIP, no router capture: the real servers show what it forwarded',
      hosts: ['192.0.2.2'], verdict: 'inconclusive', prepare: filteredOnOwnAddress('healthy-wrr', 'director', '192.0.2.2'),
    },
  ],
});

describe.skipIf(!fixtureExists('healthy-wrr'))('capture/vip-traffic-missing evidence', () => {
  it('cites the packets other captures show at the host, and the fix filters on the VIP', async () => {
    const [f, ...rest] = await findingsOf('capture/vip-traffic-missing', 'healthy-wrr', { dir: await filteredOnOwnAddress('healthy-wrr', 'rs1', '192.0.2.11')() });
    expect(rest).toEqual([]);
    expect(f!.message).toMatch(/^rs1\.pcapng \(rs1\) holds none of the \d+ packets to or from the VIP that director\.pcap, router\.pcap show sent to or by its MAC 02:00:00:00:02:11/);
    expect(f!.message).toContain('(such as host 192.0.2.11)');
    expect(f!.fix).toContain('tcpdump -i eth0 -U -w rs1.pcap \'host 192.0.2.100 or port 80 or arp or vrrp\'');
    expect(f!.evidence.length).toBeGreaterThan(0);
    for (const e of f!.evidence) expect(e.capture).not.toContain('rs1');
    expect(f!.evidence[0]!.summary).toContain('> 192.0.2.100:80');
  });

  it('names every capture that shows the missed packets, not only those cited', async () => {
    const dir = await filteredOnOwnAddress('healthy-wrr', 'director', '192.0.2.2')();
    const [f] = await findingsOf('capture/vip-traffic-missing', 'healthy-wrr', { dir, captures: ['client', 'director', 'rs1', 'rs2'] });
    expect(f!.message).toMatch(/^director\.pcapng \(director\) holds none of the \d+ packets to or from the VIP that rs1\.pcap, rs2\.pcap show sent to or by its MAC 02:00:00:00:02:02/);
  });
});

describe.skipIf(!fixtureExists('vip-missing-on-rs'))('service/unanswered beside a capture that missed the requests', () => {
  it('says the real server\'s capture holds none of them instead of asking for one', async () => {
    const dir = await filteredOnOwnAddress('vip-missing-on-rs', 'rs2', '192.0.2.12')();
    const [f] = await findingsOf('service/unanswered', 'vip-missing-on-rs', { dir });
    expect(f!.message).toContain('forwarded them to rs2 (02:00:00:00:02:12), whose capture rs2.pcapng holds none of them (see capture/vip-traffic-missing)');
    expect(f!.fix).toMatch(/^Capture on rs2 \(02:00:00:00:02:12\) again, .* not on its own address/);
    expect((await findingsOf('capture/vip-traffic-missing', 'vip-missing-on-rs', { dir })).map((x) => x.hosts[0]!.name)).toEqual(['rs2']);
  });
});
