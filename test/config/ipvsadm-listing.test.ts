import { describe, expect, it } from 'vitest';
import { parseIpvsadm } from '../../src/config/ipvsadm.js';
import { expectErrors, expectOk, readable } from './readable.js';

const parse = (text: string) => parseIpvsadm(text, 'ipvsadm-Ln.txt');

const TABLE = `[root@lb1 ~]# ipvsadm -Ln
IP Virtual Server version 1.2.1 (size=4096)
Prot LocalAddress:Port Scheduler Flags
  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn
TCP  192.0.2.10:80 wrr persistent 300 mask 255.255.255.0
  -> 10.0.0.1:80                  Route   1      0          5
  -> 10.0.0.2:80                  Route   2      3          1
TCP  192.0.2.10:8080 rr
  -> 10.0.0.3:8081                Masq    1      0          0
  -> 10.0.0.4:8080                Tunnel  1      0          0
UDP  192.0.2.10:53 sh (sh-fallback) ops
  -> 192.0.2.10:53                Local   1      0          0
TCP  [2001:db8::100]:443 rr
  -> [2001:db8::a]:443            Route   1      0          0
FWM  7 IPv6 wlc persistent 60 mask 64
  -> [2001:db8::b]:0              Route   1      0          0
FWM  8 rr
  -> 10.0.0.5:0                   Route   1      0          0
`;

describe('parseIpvsadm: ipvsadm -Ln tables', () => {
  it('reads every kind of row: Route/Masq/Tunnel/Local, persistence and mask, IPv6, fwmark', () => {
    const value = expectOk(parse(TABLE));
    expect(readable(value.services)).toEqual([
      {
        protocol: 'tcp', vip: '192.0.2.10', port: 80, scheduler: 'wrr',
        persistence: { timeoutSeconds: 300, netmask: '255.255.255.0' },
        realServers: [
          { ip: '10.0.0.1', port: 80, weight: 1, method: 'dr', order: 1 },
          { ip: '10.0.0.2', port: 80, weight: 2, method: 'dr', order: 2 },
        ],
        source: 'ipvsadm-Ln.txt line 5', orderBasis: 'sorted',
      },
      expect.objectContaining({
        port: 8080, scheduler: 'rr',
        realServers: [
          { ip: '10.0.0.3', port: 8081, weight: 1, method: 'nat', order: 1 },
          { ip: '10.0.0.4', port: 8080, weight: 1, method: 'tunnel', order: 2 },
        ],
      }),
      expect.objectContaining({ protocol: 'udp', port: 53, scheduler: 'sh', realServers: [expect.objectContaining({ method: 'dr' })] }),
      expect.objectContaining({ vip: '2001:db8::100', port: 443, realServers: [expect.objectContaining({ ip: '2001:db8::a', port: 443 })] }),
      expect.objectContaining({ protocol: 'fwmark', fwmark: 7, ipv6: true, persistence: { timeoutSeconds: 60, netmask: '64' } }),
      expect.objectContaining({ protocol: 'fwmark', fwmark: 8, realServers: [expect.objectContaining({ ip: '10.0.0.5', port: 0 })] }),
    ]);
    expect(value.notes).toEqual(['ipvsadm-Ln.txt line 12: real server 192.0.2.10:53 is local to the director (ipvsadm shows Local)']);
  });

  it('reads the same table collapsed onto one line', () => {
    const collapsed = TABLE.split('\n').join(' ');
    const value = expectOk(parse(collapsed));
    const lines = expectOk(parse(TABLE));
    expect(readable(value.services.map((s) => ({ ...s, source: '' })))).toEqual(readable(lines.services.map((s) => ({ ...s, source: '' }))));
  });

  it('takes an unsorted listing (or one asked for with --nosort) as the kernel order', () => {
    const unsorted = ['TCP  192.0.2.10:80 rr', '  -> 10.0.0.2:80  Route 1 0 0', '  -> 10.0.0.1:80  Route 1 0 0'].join('\n');
    expect(expectOk(parse(unsorted)).services[0]!.orderBasis).toBe('kernel');
    const nosort = `ipvsadm -Ln --nosort\n${['TCP  192.0.2.10:80 rr', '  -> 10.0.0.1:80  Route 1 0 0', '  -> 10.0.0.2:80  Route 1 0 0'].join('\n')}`;
    expect(expectOk(parse(nosort)).services[0]!.orderBasis).toBe('kernel');
  });

  it('notes a DR real server stored with another port (keepalived before 2.0.15 could do that)', () => {
    const text = ['TCP  192.0.2.10:8099 wrr', '  -> 10.0.0.1:80  Route 1 0 0'].join('\n');
    const value = expectOk(parse(text));
    expect(value.services[0]!.realServers[0]!.port).toBe(80);
    expect(value.notes[0]).toMatch(/stored with port 80 but Route forwarding keeps the destination port: frames reach it on 8099/);
  });

  it('replaces the whole table at each banner, so an empty listing empties it', () => {
    const text = `${TABLE}\n[root@lb1 ~]# ipvsadm -C\n[root@lb1 ~]# ipvsadm -Ln\nIP Virtual Server version 1.2.1 (size=4096)\nProt LocalAddress:Port Scheduler Flags\n  -> RemoteAddress:Port Forward Weight ActiveConn InActConn\n`;
    const value = expectOk(parse(text));
    expect(value.services).toEqual([]);
    expect(value.notes).toContain('ipvsadm-Ln.txt: the IPVS table it describes is empty');
  });

  it('skips tables with statistics columns, with a note', () => {
    const text = [
      'ipvsadm -Ln --stats',
      'IP Virtual Server version 1.2.1 (size=4096)',
      'Prot LocalAddress:Port               Conns   InPkts  OutPkts  InBytes OutBytes',
      '  -> RemoteAddress:Port',
      'TCP  192.0.2.10:80                      12      80        0     5120        0',
      '  -> 10.0.0.1:80                         6      40        0     2560        0',
    ].join('\n');
    const value = expectOk(parse(text));
    expect(value.services).toEqual([]);
    expect(value.notes[0]).toBe('ipvsadm-Ln.txt line 1: the output of ipvsadm -Ln --stats is not read; only ipvsadm -Ln tables are');
    // Without the command in front, the column headings tell.
    const headless = expectOk(parse(text.split('\n').slice(1).join('\n')));
    expect(headless.services).toEqual([]);
    expect(headless.notes[0]).toMatch(/statistics or threshold columns ignored/);
  });

  it('reports rows it cannot read with their line numbers', () => {
    const text = [
      '  -> 10.0.0.9:80  Route 1 0 0',
      'TCP  192.0.2.10:80',
      'TCP  192.0.2.11:80 rr',
      '  -> 10.0.0.1:80  Bridge 1 0 0',
      '  -> 10.0.0.2:80  Route one 0 0',
      'TCP  192.0.2.12:80 rr sticky',
      'UDP  ns1:domain rr',
      '  -> 10.0.0.3:domain  Route 1 0 0',
    ].join('\n');
    expect(expectErrors(parse(text)).map((e) => [e.line, e.message])).toEqual([
      [1, 'real server row before any virtual service row'],
      [2, "expected a scheduler after '192.0.2.10:80', found 'TCP'"],
      [4, "expected Route, Masq, Tunnel or Local after '10.0.0.1:80', found 'Bridge' (only the default ipvsadm -Ln columns are read)"],
      [5, "expected weight, active and inactive connection counts after 'Route'"],
      [6, "unexpected 'sticky' after the scheduler"],
      [7, "'ns1' is a host name: lvs-doctor does not resolve names; use numeric output (ipvsadm -n)"],
      [8, "'10.0.0.3:domain': port 'domain' is a service name: lvs-doctor does not resolve names; use numeric output (ipvsadm -n)"],
    ]);
  });
});
