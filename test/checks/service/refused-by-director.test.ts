import { describe, expect, it } from 'vitest';
import { checkCases } from '../../support/check-cases.js';
import { findingsOf } from '../../support/check-fixture.js';

checkCases('service/refused-by-director', {
  pass: [
    { fixture: 'healthy-wrr' },
    { fixture: 'healthy-operator-probes', ipvsadm: true, why: 'the table has VIP:80 only: the refused VIP:443 is a closed port' },
    { fixture: 'rs-bound-to-rip', why: 'a real server refuses (service/refused-by-rs), not the director' },
    { fixture: 'keepalived-failover', why: 'the new master resets connections under way (service/reset-by-director)' },
  ],
  fail: [
    { fixture: 'director-reject-tcp-reset', ipvsadm: true, hosts: ['192.0.2.2'] },
    { fixture: 'director-reject-tcp-reset', captures: ['router'], ipvsadm: true, hosts: ['192.0.2.2'], why: 'the router\'s capture alone' },
    { fixture: 'director-reject-tcp-reset', hosts: ['192.0.2.2'], verdict: 'inconclusive', why: 'no table: a closed port or a missing service' },
    { fixture: 'healthy-operator-probes', hosts: ['192.0.2.2'], verdict: 'inconclusive', why: 'the probe of VIP:443, no table' },
    { fixture: 'dns-tcp-service-missing', ipvsadm: true, hosts: ['192.0.2.2'], why: 'TCP to a port balanced for UDP only' },
    { fixture: 'dns-tcp-service-missing', hosts: ['192.0.2.2'], why: 'no table: the director forwards the port\'s UDP' },
    { fixture: 'healthy-operator-probes6', hosts: ['2001:db8:2::2'], verdict: 'inconclusive', why: 'the probe of [VIP6]:443, no table' },
  ],
});

describe('service/refused-by-director messages', () => {
  it('names the configured service and the refused count', async () => {
    const [f] = await findingsOf('service/refused-by-director', 'director-reject-tcp-reset', { ipvsadm: true });
    expect(f!.message).toContain('refused 3 new connections to 192.0.2.100:80/tcp itself and forwarded none, although the configuration lists that service');
    expect(f!.fix).toContain('REJECT rule on 192.0.2.100:80');
    expect(f!.evidence.map((e) => e.frame)).toEqual([3, 4, 5, 6, 7, 8]);
  });

  it('says what it cannot tell without a table, and how to add the service', async () => {
    const [f] = await findingsOf('service/refused-by-director', 'healthy-operator-probes');
    expect(f!.message).toContain('refused 1 new connection to 192.0.2.100:443/tcp');
    expect(f!.message).toContain('cannot be told from a missing service');
    expect(f!.fix).toContain('ipvsadm -A -t 192.0.2.100:443 -s wrr');
  });

  it('names the missing TCP half of a service balanced for UDP', async () => {
    const [f] = await findingsOf('service/refused-by-director', 'dns-tcp-service-missing');
    expect(f!.message).toContain('while 192.0.2.100:53/udp is balanced: the service has no TCP virtual service');
    expect(f!.fix).toContain('ipvsadm -A -t 192.0.2.100:53');
  });

  it('leaves the refused SYNs to this check: no reset-by-director, no not-forwarded', async () => {
    for (const check of ['service/reset-by-director', 'forward/not-forwarded']) {
      expect(await findingsOf(check, 'director-reject-tcp-reset', { ipvsadm: true })).toEqual([]);
      expect(await findingsOf(check, 'healthy-operator-probes')).toEqual([]);
    }
  });
});
