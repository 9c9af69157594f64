// A director with a front and a back interface (fixtures/director-two-nics: the VIP on eth0,
// the real servers behind eth1, one capture per interface). Each forwarded packet comes in on one
// MAC and leaves from another, so the single-MAC forwarding signature never shows; the hop from
// the MAC that owns the VIP in ARP to another MAC of the same host is the director's.

import { describe, expect, it } from 'vitest';
import type { ReportJson } from '../../src/report/report-types.js';
import { analyzeFixture, fixtureExists } from '../support/check-fixture.js';

const FIXTURE = 'director-two-nics';
const FRONT = '02:00:00:00:02:02', BACK = '02:00:00:00:03:02';

const failures = (r: ReportJson) => r.findings.filter((f) => f.verdict === 'fail').map((f) => f.check);
const inconclusive = (r: ReportJson) => r.findings.filter((f) => f.verdict === 'inconclusive');

describe.skipIf(!fixtureExists(FIXTURE))('a director with two interfaces', () => {
  it('is one director with both MACs, its back address as DIP, and both captures are its own', async () => {
    const r = await analyzeFixture(FIXTURE);
    expect(r.topology.directors).toEqual([{ name: 'director', role: 'director', ip: '203.0.113.2', mac: FRONT, otherMacs: [BACK] }]);
    expect(r.topology.realServers.map((h) => h.mac).sort()).toEqual(['02:00:00:00:02:11', '02:00:00:00:02:12']);
    // The router's port on the front LAN feeds the director; it is not the director.
    expect(r.topology.routers.map((h) => h.mac)).toContain('02:00:00:00:02:01');
    expect(Object.fromEntries(r.captures.map((c) => [c.file.replace(/.*\//, ''), c.role]))).toMatchObject({
      'director.pcap': 'director', 'director-eth1.pcap': 'director', 'router.pcap': 'router',
    });
    expect(r.topology.evidence.join('\n')).toContain(`come in to ${FRONT} and leave from ${BACK}`);
  });

  it('passes every check, with and without the ipvsadm configuration', async () => {
    for (const ipvsadm of [false, true]) {
      const r = await analyzeFixture(FIXTURE, { ipvsadm });
      expect(r.findings).toEqual([]);
    }
  });

  it('says which interface has no capture when only one of them was captured', async () => {
    const noBack = await analyzeFixture(FIXTURE, { captures: ['client', 'router', 'director', 'rs1', 'rs2'] });
    expect(failures(noBack)).toEqual([]);
    expect(inconclusive(noBack).map((f) => f.message)).toEqual([
      `No capture from director's interface ${BACK} (director): what it sent on to the real servers is inferred from other captures.`,
    ]);
    const noFront = await analyzeFixture(FIXTURE, { captures: ['client', 'router', 'director-eth1', 'rs1', 'rs2'] });
    expect(failures(noFront)).toEqual([]);
    expect(noFront.topology.directors.map((d) => [d.name, d.mac, d.otherMacs])).toEqual([['director-eth1', FRONT, [BACK]]]);
    expect(inconclusive(noFront).map((f) => f.message)).toEqual([
      `No capture from director-eth1's interface ${FRONT} (director): what it received from the clients is inferred from other captures.`,
    ]);
  });

  it('the director\'s two captures alone are enough to find it', async () => {
    const r = await analyzeFixture(FIXTURE, { captures: ['director', 'director-eth1'] });
    expect(r.topology.directors.map((d) => [d.mac, d.otherMacs])).toEqual([[FRONT, [BACK]]]);
    expect(failures(r)).toEqual([]);
  });

  it('captured on the front interface alone, the director is not said to drop what it forwards out of sight', async () => {
    // No capture of eth1 or the real servers: nothing shows the packets leave, yet the clients'
    // connections complete (the client acknowledges each SYN-ACK).
    for (const captures of [['client', 'router', 'director'], ['director']]) {
      const r = await analyzeFixture(FIXTURE, { captures });
      expect(failures(r)).toEqual([]);
      const unseen = r.findings.filter((f) => f.check === 'forward/not-forwarded');
      expect(unseen.map((f) => f.verdict)).toEqual(['inconclusive']);
      expect(unseen[0]!.message).toMatch(/^The director \(02:00:00:00:02:02\) forwards through an interface none of the captures shows/);
    }
  });

  it('captured with tcpdump -i any, is one host whose one cooked capture covers both interfaces', async () => {
    // fixtures/director-two-nics-any: LINUX_SLL2, one MAC per interface index.
    for (const captures of [undefined, ['director'], ['client', 'router', 'director']]) {
      const r = await analyzeFixture('director-two-nics-any', captures ? { captures } : {});
      expect(r.topology.directors.map((d) => [d.mac, d.otherMacs])).toEqual([[FRONT, [BACK]]]);
      expect(failures(r)).toEqual([]);
      expect(inconclusive(r).map((f) => f.check)).not.toContain('forward/not-forwarded');
      expect(inconclusive(r).some((f) => f.message.includes('interface'))).toBe(false);
    }
  });
});

describe.skipIf(!fixtureExists('keepalived-vmac'))('a keepalived master with use_vmac', () => {
  const VMAC = '00:00:5e:00:01:33', OWN = '02:00:00:00:02:02';

  it('is the director with its own MAC: the virtual MAC it takes packets in on is no host\'s', async () => {
    const r = await analyzeFixture('keepalived-vmac');
    expect(r.topology.directors.map((d) => [d.ip, d.mac, d.otherMacs])).toEqual([['192.0.2.2', OWN, undefined]]);
    expect(r.captures.find((c) => c.file.endsWith('/director.pcap'))?.role).toBe('director');
    expect(r.findings.map((f) => [f.check, f.verdict, f.hosts[0]?.ip])).toEqual([['vrrp/no-connection-sync', 'fail', '192.0.2.2']]);
  });

  it('after a failover, the two directors stay two hosts, though both took packets in on the virtual MAC', async () => {
    const r = await analyzeFixture('keepalived-vmac-failover');
    expect(r.topology.directors.map((d) => [d.ip, d.mac, d.otherMacs]).sort()).toEqual([['192.0.2.2', OWN, undefined], ['192.0.2.3', '02:00:00:00:02:03', undefined]]);
    expect(r.topology.directors.some((d) => d.mac === VMAC)).toBe(false);
  });

  it.each([[['router']], [['director']], [['router', 'director2']]])('with only %j captured, both directors are known from the adverts\' source addresses', async (captures) => {
    const r = await analyzeFixture('keepalived-vmac-failover', { captures });
    expect(r.topology.directors.map((d) => d.mac).sort()).toEqual([OWN, '02:00:00:00:02:03']);
    // director2's `who-has router tell VIP` (sent to route its RST) is a director's, not a leak.
    expect(r.findings.map((f) => f.check)).not.toContain('arp/vip-announced-by-non-director');
  });
});
