import { describe, expect, it } from 'vitest';
import { checkCases } from '../../support/check-cases.js';
import { findingsOf } from '../../support/check-fixture.js';

checkCases('forward/icmp-from-director', {
  // A real server's error about a tunnelled packet, relayed to the client: forward/tunnel-rejected's.
  pass: [
    { fixture: 'healthy-wrr' },
    { fixture: 'tun-rs-tunl0-down' },
    { fixture: 'healthy-operator-traceroute', ipvsadm: true, why: 'traceroute\'s UDP and TCP probes, a closed UDP port' },
    { fixture: 'healthy-operator-traceroute', captures: ['router'], ipvsadm: true, why: 'time exceeded for SYNs sent with TTL 2, seen from the router' },
    { fixture: 'healthy-operator-probes6', why: 'ICMPv6 port unreachable and time exceeded for traceroute\'s probes' },
  ],
  fail: [
    { fixture: 'mtu-to-rs', hosts: ['192.0.2.2'] },
    { fixture: 'tun-rs-tunl0-down', captures: ['router'], hosts: ['192.0.2.2'], why: 'the real server\'s error not captured' },
    { fixture: 'director-reject-host-prohibited', ipvsadm: true, hosts: ['192.0.2.2'], why: 'a catch-all reject, ICMP 3/10' },
    { fixture: 'dns-udp-service-missing', ipvsadm: true, hosts: ['192.0.2.2'], why: 'UDP to a port balanced for TCP only' },
    { fixture: 'rs-forwarding-loop', captures: ['router'], ipvsadm: true, hosts: ['192.0.2.2'], why: 'a loop\'s time exceeded: its first copy carried the client\'s TTL' },
    { fixture: 'healthy-operator-traceroute', hosts: ['192.0.2.2'], verdict: 'inconclusive', why: 'without the table the closed VIP:53/udp is not known to be closed' },
  ],
});

describe('forward/icmp-from-director and the table', () => {
  it('names the missing UDP service of a port the table balances for TCP', async () => {
    const [f] = await findingsOf('forward/icmp-from-director', 'dns-udp-service-missing', { ipvsadm: true });
    expect(f!.message).toContain('192.0.2.100:53 is balanced for TCP and has no UDP virtual service');
    expect(f!.fix).toContain('ipvsadm -A -u 192.0.2.100:53');
  });

  it('without the table, names the missing UDP service of a port the director forwards for TCP', async () => {
    const [f] = await findingsOf('forward/icmp-from-director', 'dns-udp-service-missing');
    expect(f!.verdict).toBe('fail');
    expect(f!.message).toContain('is balanced for TCP and has no UDP virtual service');
  });

  it('without the table, a UDP port the director never forwarded is inconclusive', async () => {
    const [f, ...rest] = await findingsOf('forward/icmp-from-director', 'healthy-operator-traceroute');
    expect(rest).toEqual([]);
    expect(f!.verdict).toBe('inconclusive');
    expect(f!.message).toContain('port unreachable for UDP to 192.0.2.100:53, which the director never forwarded');
    expect(await findingsOf('forward/not-forwarded', 'healthy-operator-traceroute')).toEqual([]);
  });

  it('is silent about a port the table leaves closed', async () => {
    // The same captures against a table that balances only another port of the VIP.
    const other = '-A -t 192.0.2.100:80 -s rr\n-a -t 192.0.2.100:80 -r 192.0.2.11:80 -g -w 1\n';
    expect(await findingsOf('forward/icmp-from-director', 'dns-udp-service-missing', { ipvsadmText: other })).toEqual([]);
    expect(await findingsOf('forward/not-forwarded', 'dns-udp-service-missing', { ipvsadmText: other })).toEqual([]);
  });
});
