// Zero-configuration inference from partial captures. With the client's and the real servers'
// captures but not the director's, the same VIP, director and real servers are found as with
// every capture: from service replies with an initial TTL sent by several MACs from one address,
// and from the MAC that hands them the clients' requests. A keepalived director without a
// capture of its own is known by its VRRP advertisements.

import { describe, expect, it } from 'vitest';
import type { ReportJson } from '../../src/report/report-types.js';
import { analyzeFixture, fixtureExists } from '../support/check-fixture.js';

const CLIENT_AND_SERVERS = ['client', 'rs1', 'rs2'];

function roles(r: ReportJson) {
  const t = r.topology;
  return {
    vips: t.vips.map((v) => v.ip).sort(),
    directors: t.directors.map((h) => h.mac).sort(),
    realServers: t.realServers.map((h) => h.mac).sort(),
  };
}

describe('inference without the director\'s capture', () => {
  // healthy-wrr: the director ARPs for the real servers in their captures; healthy-udp: it does
  // not (warm caches), and it is the MAC that hands them requests while replies leave by the router.
  for (const fixture of ['healthy-wrr', 'healthy-udp', 'healthy-ipv6', 'weight-mismatch', 'keepalived-failover', 'rs-gateway-director']) {
    it(`${fixture}: client + real servers give the roles all captures give`, async () => {
      const all = roles(await analyzeFixture(fixture));
      const part = await analyzeFixture(fixture, { captures: CLIENT_AND_SERVERS });
      expect(all.vips.length).toBeGreaterThan(0);
      expect(roles(part)).toEqual(all);
      // No DR error on a healthy site for want of the director's capture.
      if (fixture.startsWith('healthy')) expect(part.findings.filter((f) => f.verdict === 'fail')).toEqual([]);
    });
  }

  it('a router relaying a director\'s ICMP error (TTL already decremented) is not taken for the director', async () => {
    const r = await analyzeFixture('mtu-to-rs', { captures: ['client'] });
    expect(r.topology.directors).toEqual([]);
  });

  it('with --ipvsadm and one real server\'s capture, the client is not taken for the director', async () => {
    // rs2's replies reach the client from the router's MAC: the router is not a server, so the
    // client handing it requests for the VIP is no director.
    const r = await analyzeFixture('healthy-wrr', { captures: ['client', 'rs1'], ipvsadm: true });
    expect(roles(r).directors).toEqual(['02:00:00:00:02:02']);
    expect(r.findings.filter((f) => f.verdict === 'fail')).toEqual([]);
  });

  it('replies a router relays from a real server\'s own address do not make that address a VIP', async () => {
    // rs-reply-from-rip: rs2 answers from its RIP; the client sees those replies from the router's
    // MAC (TTL 63), and rs1's capture holds rs2's ARP for the RIP. rs2 is no director.
    for (const fixture of ['rs-reply-from-rip', 'nat-mode-port-map']) {
      const r = await analyzeFixture(fixture, { captures: ['client', 'rs1'] });
      expect(r.topology.directors.map((d) => d.mac)).not.toContain('02:00:00:00:02:12');
      expect(r.topology.vips.map((v) => v.ip)).not.toContain('192.0.2.12');
    }
  });

  it('one server answering for an address it owns in ARP is not a VIP; the report says no VIP was found', async () => {
    // arp-flux without the director and the router: rs1 answers ARP for the VIP and serves every
    // connection, rs2 sees nothing. Nothing in these captures shows load balancing.
    const r = await analyzeFixture('arp-flux', { captures: CLIENT_AND_SERVERS });
    expect(r.topology.vips).toEqual([]);
    const noVip = r.findings.filter((f) => f.check === 'capture/missing-vantage');
    expect(noVip.map((f) => [f.verdict, f.message.startsWith('Found no VIP')])).toEqual([['inconclusive', true]]);
  });
});

describe('a keepalived director without a capture of its own', () => {
  // The backup forwards nothing until it takes over; its VRRP advertisements name the VIP. Without
  // its capture it was taken for an intruder announcing the VIP (arp/vip-announced-by-non-director).
  for (const fixture of ['keepalived-failover', 'vrrp-split-brain', 'vrrp-auth-mismatch']) {
    it(`${fixture}: the director's capture alone names both directors and reports no ARP fault all captures do not`, async () => {
      const all = await analyzeFixture(fixture);
      const part = await analyzeFixture(fixture, { captures: ['director'] });
      expect(roles(part).directors).toEqual(roles(all).directors);
      expect(roles(all).directors.length).toBe(2);
      const arpFaults = (r: ReportJson) => r.findings.filter((f) => f.verdict === 'fail' && f.check.startsWith('arp/')).map((f) => f.check);
      expect(arpFaults(part).filter((c) => !arpFaults(all).includes(c))).toEqual([]);
    });
  }
});

describe.skipIf(!fixtureExists('kube-ipvs-no-strict-arp'))('several hosts answering ARP for the VIP, one of them serving', () => {
  // The director and rs1 both answer who-has VIP and serve nothing (the router sends everything
  // to rs2): only the captures' names tell them apart.
  it.each([
    [['client', 'router', 'director', 'rs1', 'rs2']], [['router', 'director', 'rs1']], [['router', 'rs1', 'rs2']], [['director', 'rs1', 'rs2']],
  ])('the director is the one captured as the director (%j)', async (captures) => {
    const r = await analyzeFixture('kube-ipvs-no-strict-arp', { captures });
    expect(r.topology.directors.map((d) => d.mac)).toEqual(['02:00:00:00:02:02']);
    expect(r.topology.realServers.map((h) => h.mac)).toContain('02:00:00:00:02:11');
  });
});

describe('a router\'s capture of a short exchange with the director', () => {
  // Both MACs are in every frame (ARP for the VIP, SYNs in, resets or nothing out): the capture's
  // name says router, and the director's MAC, known as the director's, must not be taken for it.
  for (const fixture of ['director-firewall-drop', 'director-reject-tcp-reset']) {
    it.skipIf(!fixtureExists(fixture) && process.env.CI !== 'true')(`${fixture}: router.pcap is not taken for the director's capture`, async () => {
      const r = await analyzeFixture(fixture, { captures: ['router'], ipvsadm: true });
      expect(r.topology.directors.map((h) => h.mac)).toEqual(['02:00:00:00:02:02']);
      expect(r.captures[0]!.role).not.toBe('director');
      const messages = r.findings.map((f) => f.message);
      expect(messages).toContainEqual(expect.stringMatching(/^No capture from director /));
      expect(messages).not.toContainEqual(expect.stringMatching(/^No capture from the client side/));
    });
  }
});
