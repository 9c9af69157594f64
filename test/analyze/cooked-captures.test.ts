import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeFixture, FIXTURES, fixtureExists } from '../support/check-fixture.js';
import { fixtureVariant } from '../support/transform-capture.js';

// Every host captured with `tcpdump -i any` (Linux cooked frames: no destination MACs). The lab's
// MACs: a received frame was addressed to the host's own MAC, which its sent frames name.
const LAB_MACS: Readonly<Record<string, string>> = {
  client: '02:00:00:00:00:0a', router: '02:00:00:00:02:01', director: '02:00:00:00:02:02', director2: '02:00:00:00:02:03',
  rs1: '02:00:00:00:02:11', rs2: '02:00:00:00:02:12',
};
const allCooked = (fixture: string) => fixtureVariant(join(FIXTURES, fixture), Object.fromEntries(Object.entries(LAB_MACS).map(([h, mac]) => [h, { cookedOwnMac: mac }])));

async function failures(dir: string): Promise<string[]> {
  const report = await analyzeFixture('cooked', { dir });
  return report.findings.filter((f) => f.verdict === 'fail').map((f) => `${f.check} ${f.hosts[0]?.name ?? ''}`).sort();
}

describe.skipIf(!fixtureExists('vip-missing-on-rs'))('captures taken with tcpdump -i any on every host', () => {
  it('still see the director forward to a real server that never answers', async () => {
    expect(await failures(await allCooked('vip-missing-on-rs'))).toEqual(['service/unanswered-at-rs rs2']);
  });

  it('still see the router send the VIP\'s traffic to a real server (ARP flux)', async () => {
    expect(await failures(await allCooked('arp-flux'))).toEqual(['arp/vip-answered-by-non-director rs1', 'arp/vip-owner-changed rs1']);
  });

  it('report two directors forwarding to each other as a loop, not as a rewritten TTL', async () => {
    // The loop's hops are microseconds apart: the captures' aligned clocks put some departures
    // before their arrivals, which paired the director's first arrival with a later departure.
    expect(await failures(await allCooked('two-active-directors'))).toEqual(await failures(join(FIXTURES, 'two-active-directors')));
  });

  it('find nothing wrong on a healthy site', async () => {
    expect(await failures(await allCooked('healthy-wrr'))).toEqual([]);
  });
});
