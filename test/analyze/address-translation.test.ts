import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReportJson } from '../../src/report/report-types.js';
import { analyzeFixture, FIXTURES, fixtureExists } from '../support/check-fixture.js';
import { mergeInterfaces } from '../support/merge-interfaces.js';
import { fixtureVariant, type Transform } from '../support/transform-capture.js';

// The client captured behind a NAT: its packets carry its private address (and, with a port
// forward, the public address it connects to), while the router, director and real servers
// see the translated ones. The lab's client is 198.51.100.10 and the VIP 192.0.2.100:80.
const CLIENT = '198.51.100.10', VIP = '192.0.2.100';
const PRIVATE = '192.168.1.10', PUBLIC = '203.0.113.5';

const sourceNat = (portShift: number): Transform => ({ natInside: [{ outside: CLIENT, inside: PRIVATE, portShift }] });
const portForward: Transform = { natInside: [{ outside: VIP, outsidePort: 80, inside: PUBLIC, insidePort: 8080 }] };
const both: Transform = { natInside: [...sourceNat(7).natInside!, ...portForward.natInside!] };

function failures(report: ReportJson): string[] {
  return report.findings.filter((f) => f.verdict === 'fail').map((f) => `${f.check} ${f.hosts[0]?.name ?? ''}`).sort();
}

async function behindNat(fixture: string, client: Transform): Promise<ReportJson> {
  return analyzeFixture('nat', { dir: await fixtureVariant(join(FIXTURES, fixture), { client }) });
}

function clientCapture(report: ReportJson) {
  return report.captures.find((c) => c.host === 'client')!;
}

describe.skipIf(!fixtureExists('vip-missing-on-rs'))('a client captured behind a NAT', () => {
  it('is matched with the director through a source NAT that picks other ports', async () => {
    // Before, its unanswered connections were a second error: "no capture shows where they were lost".
    const report = await behindNat('vip-missing-on-rs', sourceNat(1000));
    expect(failures(report)).toEqual(['service/unanswered-at-rs rs2']);
    expect(clientCapture(report).addressTranslation).toEqual([{ kind: 'source', captured: PRIVATE, director: CLIENT, portsKept: false }]);
    expect(report.topology.evidence).toContain(`client reaches the director through a NAT: its address ${PRIVATE} is ${CLIENT} at the director (with other ports)`);
  });

  it('is matched from its requests alone when nothing answers, ports kept', async () => {
    const plain = await analyzeFixture('director-firewall-drop');
    const report = await behindNat('director-firewall-drop', sourceNat(0));
    expect(failures(report)).toEqual(failures(plain));
    expect(clientCapture(report).addressTranslation).toEqual([{ kind: 'source', captured: PRIVATE, director: CLIENT, portsKept: true }]);
    // Its clock is aligned again: it shares the requests with the director.
    expect(clientCapture(report).clockOffset).toBeDefined();
    expect(report.findings.map((f) => f.check)).not.toContain('capture/clock-offset');
  });

  it('is matched through a port forward to the VIP, and evidence shows its frames as captured', async () => {
    const plain = await analyzeFixture('director-reject-tcp-reset');
    const report = await behindNat('director-reject-tcp-reset', both);
    expect(failures(report)).toEqual(failures(plain));
    expect(report.findings.map((f) => f.check).sort()).toEqual(plain.findings.map((f) => f.check).sort());
    expect(clientCapture(report).addressTranslation).toEqual([
      { kind: 'source', captured: PRIVATE, director: CLIENT, portsKept: false },
      { kind: 'destination', captured: `${PUBLIC}:8080`, director: `${VIP}:80` },
    ]);
    const fromClient = report.findings.flatMap((f) => f.evidence).filter((e) => e.host === 'client');
    expect(fromClient.length).toBeGreaterThan(0);
    for (const e of fromClient) {
      expect(e.summary).toContain(PRIVATE);
      expect(e.summary).not.toContain(CLIENT);
    }
  });

  it('changes nothing on a healthy site', async () => {
    const report = await behindNat('healthy-wrr', both);
    expect(failures(report)).toEqual([]);
    expect(report.findings).toEqual([]);
  });

  it('translates the inside copies of a capture that holds both sides of the NAT (the router\'s)', async () => {
    const dir = await fixtureVariant(join(FIXTURES, 'vip-missing-on-rs'), { client: sourceNat(1000) });
    // The router captured on both its interfaces into one file: inside and outside copies.
    await mergeInterfaces([{ name: 'any', file: join(dir, 'client.pcapng') }, { name: 'any', file: join(dir, 'router.pcap') }], join(dir, 'router.pcapng'), true);
    rmSync(join(dir, 'router.pcap'));
    const report = await analyzeFixture('nat', { dir });
    // Its outside copies stay as they are; its inside ones pair with them, as a router's do on two interfaces.
    expect(report.captures.find((c) => c.host === 'router')!.addressTranslation).toEqual(clientCapture(report).addressTranslation);
    expect(failures(report)).toEqual(['service/unanswered-at-rs rs2']);
  });
});

describe.skipIf(!fixtureExists('client-behind-nat'))('a client recorded behind a masquerading router (client-behind-nat)', () => {
  it('finds only rs2, with the router neither a director nor its LAN address a VIP', async () => {
    // Before, replies to the router's address that left it rewritten toward the client made the
    // router a NAT-mode director of a VIP 192.0.2.1: six errors, among them port/remapped.
    const report = await analyzeFixture('client-behind-nat');
    expect(failures(report)).toEqual(['service/unanswered-at-rs rs2']);
    expect(report.topology.vips.map((v) => v.ip)).toEqual([VIP]);
    expect(report.topology.directors.map((d) => d.name)).toEqual(['director']);
    expect(clientCapture(report).addressTranslation).toEqual([{ kind: 'source', captured: CLIENT, director: '192.0.2.1', portsKept: false }]);
  });
});

describe.skipIf(!fixtureExists('client-port-forward'))('a client recorded behind a port forward to the VIP (client-port-forward)', () => {
  it('finds only rs2, with no port remapped and no director at the router\'s public address', async () => {
    // Before, the router was a NAT-mode director of a VIP 198.51.100.1: four port/remapped errors.
    const report = await analyzeFixture('client-port-forward');
    expect(failures(report)).toEqual(['service/unanswered-at-rs rs2']);
    expect(report.topology.vips.map((v) => v.ip)).toEqual([VIP]);
    expect(report.topology.directors.map((d) => d.name)).toEqual(['director']);
    expect(clientCapture(report).addressTranslation).toEqual([{ kind: 'destination', captured: '198.51.100.1:8080', director: `${VIP}:80` }]);
  });
});
