import { describe, expect, it } from 'vitest';
import { checkCases } from '../../support/check-cases.js';
import { findingsOf } from '../../support/check-fixture.js';

checkCases('service/unanswered', {
  pass: [
    { fixture: 'healthy-wrr' },
    { fixture: 'healthy-operator-traceroute', captures: ['client'], ipvsadm: true, why: 'a traceroute SYN sent with TTL 2 that got no answer' },
    { fixture: 'healthy-operator-traceroute', captures: ['router'], ipvsadm: true, why: 'the same, seen from the router with TTL 1' },
    { fixture: 'vip-missing-on-rs', why: 'the real server\'s capture shows where' },
    { fixture: 'healthy-udp' },
    { fixture: 'healthy-wrr', captures: ['director'], why: 'DR replies bypass the director; the client\'s handshake ACKs show the SYN-ACKs arrived' },
  ],
  fail: [
    { fixture: 'vip-missing-on-rs', captures: ['client'], ipvsadm: true, why: 'only the client was captured', hosts: ['198.51.100.10'] },
    { fixture: 'vip-missing-on-rs', captures: ['director'], why: 'the director alone: SYNs sent to rs2 are only retransmitted, never acknowledged', hosts: ['198.51.100.10'] },
    { fixture: 'second-vip-missing-on-rs', captures: ['director'], why: 'the director alone: every unanswered connection went to rs2', hosts: ['198.51.100.10'] },
    {
      fixture: 'healthy-udp', captures: ['director'], verdict: 'inconclusive', hosts: ['198.51.100.10'],
      why: 'UDP seen only at the director: its replies bypass it, and no handshake tells',
    },
  ],
});

describe('service/unanswered: where the director sent them', () => {
  it('names the real server the director forwarded the unanswered connections to, counting packets once', async () => {
    const [f, ...rest] = await findingsOf('service/unanswered', 'second-vip-missing-on-rs', { captures: ['director'] });
    expect(rest).toEqual([]);
    expect(f!.message).toBe('198.51.100.10 got no answer from 192.0.2.101:80 (2 request packets): the director forwarded them to real server 192.0.2.12 (02:00:00:00:02:12), and no capture shows what became of them there.');
    expect(f!.occurrences).toBe(3);
    expect(f!.fix).toMatch(/^Capture on real server 192\.0\.2\.12 \(02:00:00:00:02:12\) as well .*192\.0\.2\.101 is on lo .*ss -lnt/);
  });

  it('points at tunl0 on a real server the director tunnels to', async () => {
    const [f] = await findingsOf('service/unanswered', 'tun-rs-rp-filter', { captures: ['director'] });
    expect(f!.message).toMatch(/the director forwarded them to real server 192\.0\.2\.12 /);
    expect(f!.fix).toMatch(/tunl0 is up with 192\.0\.2\.100 on it .*rp_filter/);
  });

  it('keeps the plain message where no capture shows the director forwarding', async () => {
    const [f] = await findingsOf('service/unanswered', 'vip-missing-on-rs', { captures: ['client'], ipvsadm: true });
    expect(f!.message).toMatch(/\(2 request packets\), and no capture shows where they were lost\.$/);
  });
});
