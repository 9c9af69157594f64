// LVS-TUN (IP in IP) on real recordings: who is who when the director tunnels, and what the
// findings say about it.

import { describe, expect, it } from 'vitest';
import { analyzeFixture, findingsOf, fixtureExists } from '../support/check-fixture.js';

const present = fixtureExists('healthy-tun') && fixtureExists('tun-mtu');

describe.skipIf(!present && process.env.CI !== 'true')('LVS-TUN topology and findings', () => {
  it('names the tunnel targets on the director, and the router that passes tunnelled packets on is a router', async () => {
    const r = await analyzeFixture('healthy-tun');
    expect(r.topology.directors.map((d) => [d.ip, [...(d.tunnelsTo ?? [])].sort()])).toEqual([['192.0.2.2', ['192.0.2.11', '203.0.113.12']]]);
    expect(r.topology.realServers.map((h) => h.ip).sort()).toEqual(['192.0.2.11', '203.0.113.12']);
    expect(r.topology.routers.map((h) => h.mac)).toContain('02:00:00:00:02:01');
    expect(r.topology.evidence.some((e) => e.includes('forwards in tunnels (LVS-TUN) to'))).toBe(true);
  });

  it('with only the director\'s capture, the real server behind the router is known by its address', async () => {
    const r = await analyzeFixture('healthy-tun', { captures: ['director'], ipvsadm: true });
    expect(r.topology.realServers.map((h) => h.ip).sort()).toEqual(['192.0.2.11', '203.0.113.12']);
    expect(r.topology.realServers.find((h) => h.ip === '203.0.113.12')?.mac).toBeUndefined();
    expect(r.topology.routers.map((h) => h.mac)).toContain('02:00:00:00:02:01');
    // The connections tunnelled to it count for it: no false scheduling finding.
    expect(r.findings.filter((f) => f.check.startsWith('sched/'))).toEqual([]);
  });

  it('against a table without that server, its tunnelled connections are reported by its address', async () => {
    const table = '-A -t 192.0.2.100:80 -s rr\n-a -t 192.0.2.100:80 -r 192.0.2.11:80 -i -w 1\n';
    const findings = await findingsOf('sched/unknown-real-server', 'healthy-tun', { captures: ['director'], ipvsadmText: table });
    expect(findings.map((f) => f.hosts[0]?.ip)).toEqual(['203.0.113.12']);
  });

  it('names the outer header as the cause of fragmentation needed from a tunnelling director', async () => {
    const [f] = await findingsOf('forward/icmp-from-director', 'tun-mtu');
    expect(f?.message).toMatch(/MTU 1480 toward the real server\): the IP-in-IP outer header/);
    expect(f?.fix).toMatch(/net\.ipv4\.vs\.pmtu_disc=0/);
    const [plain] = await findingsOf('forward/icmp-from-director', 'mtu-to-rs');
    expect(plain?.message).not.toMatch(/IP-in-IP/);
  });

  it('names tunl0 in the fix when a real server drops tunnelled packets silently', async () => {
    const [f] = await findingsOf('service/unanswered-at-rs', 'tun-rs-rp-filter');
    expect(f?.seen).toMatch(/\(tunnelled\), no answer/);
    expect(f?.fix).toMatch(/net\.ipv4\.conf\.tunl0\.rp_filter=0/);
    const [plain] = await findingsOf('service/unanswered-at-rs', 'rs-rp-filter');
    expect(plain?.fix).not.toMatch(/tunl0/);
  });
});
