import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCases } from '../../support/check-cases.js';
import { FIXTURES, findingsOf, fixtureExists } from '../../support/check-fixture.js';
import { fixtureVariant } from '../../support/transform-capture.js';

checkCases('service/unanswered-at-rs', {
  pass: [{ fixture: 'healthy-wrr' }, { fixture: 'return-path-filtered', why: 'the real servers answer; their replies are lost later' }],
  fail: [
    { fixture: 'vip-missing-on-rs', hosts: ['192.0.2.12'] },
    { fixture: 'vip-missing-on-rs-any', hosts: ['192.0.2.12'], why: 'every host captured with tcpdump -i any: received frames get their destination back' },
    { fixture: 'client-behind-nat', hosts: ['192.0.2.12'], why: 'the client captured behind a NAT router: its connections pair with the director\'s through the translation' },
    { fixture: 'client-port-forward', hosts: ['192.0.2.12'], why: 'the client reaches the VIP through a port forward: its capture never shows the VIP' },
    { fixture: 'second-vip-missing-on-rs', hosts: ['192.0.2.12'], why: 'rs2 holds the first of two VIPs only' },
    { fixture: 'rs-rp-filter', hosts: ['192.0.2.12'], why: 'strict rp_filter on a multi-homed rs2 drops what arrives on eth0' },
    { fixture: 'tun-rs-rp-filter', hosts: ['192.0.2.12'], why: 'strict rp_filter drops the decapsulated packets arriving on tunl0' },
    { fixture: 'rs-vip-prefix-on-lo', hosts: ['192.0.2.12'], why: 'the VIP on lo as /24 makes the on-link client local to rs2' },
  ],
});

describe('service/unanswered-at-rs: the fix', () => {
  it('names the missing VIP when the same real server answers another', async () => {
    const [f, ...rest] = await findingsOf('service/unanswered-at-rs', 'second-vip-missing-on-rs');
    expect(rest).toEqual([]);
    expect(f!.message).toBe('rs2 receives connections for 192.0.2.101:80 and never answers them.');
    expect(f!.fix).toMatch(/^rs2 answers 192\.0\.2\.100 and not 192\.0\.2\.101: 192\.0\.2\.101 is most likely missing there\. On rs2: ip addr add 192\.0\.2\.101\/32 dev lo/);
  });

  it('fills in the VIP and port otherwise', async () => {
    const [f] = await findingsOf('service/unanswered-at-rs', 'vip-missing-on-rs');
    expect(f!.fix).toMatch(/^On rs2: ip addr add 192\.0\.2\.100\/32 dev lo .*port 80\.$/);
  });
});

describe.skipIf(!fixtureExists('rs-reply-from-rip'))('service/unanswered-at-rs on captures filtered on the VIP', () => {
  // Every capture as `tcpdump host 192.0.2.100` would have written it: the real servers' answers
  // from their RIPs, and the client's resets to them, are gone.
  const vipOnly = () => fixtureVariant(join(FIXTURES, 'rs-reply-from-rip'), Object.fromEntries(['client', 'director', 'router', 'rs1', 'rs2'].map((h) => [h, { onlyHost: '192.0.2.100' }])));

  it('says no capture would show an answer from another address, and asks for the service port', async () => {
    const findings = await findingsOf('service/unanswered-at-rs', 'rs-reply-from-rip', { dir: await vipOnly() });
    expect(findings.map((f) => f.hosts[0]!.name).sort()).toEqual(['rs1', 'rs2']);
    for (const f of findings) {
      expect(f.message).toMatch(/^rs\d receives connections for 192\.0\.2\.100:9000 and never answers them from the VIP; the captures that would show an answer from another address \(its RIP, return\/source-not-vip\) hold only packets to or from the VIP/);
      expect(f.fix).toContain('\'host 192.0.2.100 or port 9000 or arp\'');
    }
  });

  it('keeps its plain message when a capture shows other addresses', async () => {
    const [f] = await findingsOf('service/unanswered-at-rs', 'vip-missing-on-rs');
    expect(f!.message).toBe('rs2 receives connections for 192.0.2.100:80 and never answers them.');
  });
});
