import { describe, expect, it } from 'vitest';
import { parseIpvsadm } from '../../src/config/ipvsadm.js';
import { formatIp } from '../../src/decode/addresses.js';
import { expectErrors, expectOk, readable } from './readable.js';

const parse = (text: string) => parseIpvsadm(text, 'rules.txt');
const services = (text: string) => readable(expectOk(parse(text)).services) as Record<string, unknown>[];
const notes = (text: string) => expectOk(parse(text)).notes;

describe('parseIpvsadm: commands', () => {
  it('stores the service port for -g real servers given another port, and notes the port-remap', () => {
    const text = [
      'ipvsadm -A -t 192.0.2.10:8099 -s wrr',
      'ipvsadm -a -t 192.0.2.10:8099 -r 10.0.0.1:80 -g -w 1',
    ].join('\n');
    expect(services(text)[0]!['realServers']).toEqual([
      { ip: '10.0.0.1', port: 8099, weight: 1, method: 'dr', order: 1, requestedPort: 80 },
    ]);
    expect(notes(text)).toEqual([
      'rules.txt line 2: RS port 80 differs from service port 8099: ipvsadm stores 8099 for -g ' +
        '(direct routing cannot change ports; frames reach 10.0.0.1 on port 8099)',
    ]);
  });

  it('forces the port for -i (tunnel) too, and for -g when no method is given', () => {
    const text = [
      '-A -t 192.0.2.10:443 -s rr',
      '-a -t 192.0.2.10:443 -r 10.0.0.1:8443 -i',
      '-a -t 192.0.2.10:443 -r 10.0.0.2:8443',
    ].join('\n');
    const [service] = services(text);
    expect(service!['realServers']).toEqual([
      { ip: '10.0.0.1', port: 443, weight: 1, method: 'tunnel', order: 1, requestedPort: 8443 },
      { ip: '10.0.0.2', port: 443, weight: 1, method: 'dr', order: 2, requestedPort: 8443 },
    ]);
  });

  it('keeps the mapped port of NAT (-m) real servers and copies the service port when none is given', () => {
    const text = [
      'ipvsadm -A -t 192.0.2.10:80 -s rr',
      'ipvsadm -a -t 192.0.2.10:80 -r 10.0.0.1:8080 -m',
      'ipvsadm -a -t 192.0.2.10:80 -r 10.0.0.2 -m -w 0',
    ].join('\n');
    expect(services(text)[0]!['realServers']).toEqual([
      { ip: '10.0.0.1', port: 8080, weight: 1, method: 'nat', order: 1 },
      { ip: '10.0.0.2', port: 80, weight: 0, method: 'nat', order: 2 },
    ]);
    expect(notes(text)).toEqual([]);
  });

  it('reads fwmark services: the real-server port is kept (0 when omitted), -6 makes a separate IPv6 service', () => {
    const text = [
      'ipvsadm -A -f 1 -s rr -p 600',
      'ipvsadm -a -f 1 -r 10.0.0.1 -g',
      'ipvsadm -a -f 1 -r 10.0.0.2:80 -g',
      'ipvsadm -A -f 1 -6 -s rr',
      'ipvsadm -a -f 1 -6 -r [2001:db8::a] -g',
    ].join('\n');
    const [v4, v6] = services(text);
    expect(v4).toEqual({
      protocol: 'fwmark', fwmark: 1, scheduler: 'rr', persistence: { timeoutSeconds: 600 },
      realServers: [
        { ip: '10.0.0.1', port: 0, weight: 1, method: 'dr', order: 1 },
        { ip: '10.0.0.2', port: 80, weight: 1, method: 'dr', order: 2 },
      ],
      source: 'rules.txt line 1', orderBasis: 'added',
    });
    expect(v6).toMatchObject({ protocol: 'fwmark', fwmark: 1, ipv6: true, realServers: [{ ip: '2001:db8::a', port: 0 }] });
  });

  it('reads IPv6 services in brackets and a prefix-length persistence mask', () => {
    const text = [
      'ipvsadm -A -t [2001:db8::100]:80 -s wrr -p 120 -M 64',
      'ipvsadm -a -t [2001:DB8:0::100]:80 -r [2001:db8::a]:80 -g -w 3',
    ].join('\n');
    expect(services(text)).toEqual([{
      protocol: 'tcp', vip: '2001:db8::100', port: 80, scheduler: 'wrr',
      persistence: { timeoutSeconds: 120, netmask: '64' },
      realServers: [{ ip: '2001:db8::a', port: 80, weight: 3, method: 'dr', order: 1 }],
      source: 'rules.txt line 1', orderBasis: 'added',
    }]);
  });

  it('applies ipvsadm defaults: wlc, weight 1, persistence 360 s when -p has no value, /32 mask omitted', () => {
    const text = [
      'ipvsadm -A -t 192.0.2.10:80 -p -M 255.255.255.255',
      'ipvsadm -A -u 192.0.2.10:53 -s rr -p -M 255.255.255.0',
    ].join('\n');
    const [tcp, udp] = services(text);
    expect(tcp).toMatchObject({ scheduler: 'wlc', persistence: { timeoutSeconds: 360 } });
    expect(tcp!['persistence']).not.toHaveProperty('netmask');
    expect(udp).toMatchObject({ protocol: 'udp', port: 53, persistence: { timeoutSeconds: 360, netmask: '255.255.255.0' } });
  });

  it('reads one-packet scheduling from -o / --ops, from -S lines and from the ops flag of -Ln', () => {
    const [a, b, c] = services('ipvsadm -A -u 192.0.2.10:53 -s rr -o\nipvsadm -A -u 192.0.2.11:53 --ops\nipvsadm -A -u 192.0.2.12:53 -s rr');
    expect([a!['onePacket'], b!['onePacket'], c!['onePacket']]).toEqual([true, true, undefined]);
    expect(services('-A -u 192.0.2.10:9000 -s rr -o\n-a -u 192.0.2.10:9000 -r 192.0.2.11:9000 -g -w 1')[0]).toMatchObject({ onePacket: true });
    const listing = [
      'IP Virtual Server version 1.2.1 (size=4096)',
      'Prot LocalAddress:Port Scheduler Flags',
      '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn',
      'UDP  192.0.2.100:9000 rr ops',
      '  -> 192.0.2.11:9000              Route   1      0          0',
    ].join('\n');
    expect(services(listing)[0]).toMatchObject({ scheduler: 'rr', onePacket: true });
    // -E without -o turns it off again, as ipvsadm does.
    expect(services('ipvsadm -A -u 192.0.2.10:53 -s rr -o\nipvsadm -E -u 192.0.2.10:53 -s rr')[0]!['onePacket']).toBeUndefined();
  });

  it('accepts port 0 only for persistent services, as ipvsadm does', () => {
    expect(expectErrors(parse('ipvsadm -A -t 192.0.2.10 -s rr'))[0]!.message).toMatch(/Zero port/);
    expect(services('ipvsadm -A -t 192.0.2.10 -s rr -p 60')[0]).toMatchObject({ port: 0 });
  });

  it('understands bundled and long options', () => {
    const text = [
      'ipvsadm -At 192.0.2.10:80 -s rr',
      'ipvsadm --add-server --tcp-service=192.0.2.10:80 --real-server 10.0.0.1:80 --gatewaying --weight=4',
      'ipvsadm -ar 10.0.0.2 -t 192.0.2.10:80 -w2',
    ].join('\n');
    expect(services(text)[0]!['realServers']).toEqual([
      { ip: '10.0.0.1', port: 80, weight: 4, method: 'dr', order: 1 },
      { ip: '10.0.0.2', port: 80, weight: 2, method: 'dr', order: 2 },
    ]);
  });

  it('replays edits and deletions: -E resets what it does not repeat, -e changes a weight, -d, -D and -C remove', () => {
    const text = [
      'ipvsadm -A -t 192.0.2.10:80 -s wrr -p 30',
      'ipvsadm -a -t 192.0.2.10:80 -r 10.0.0.1:80 -g -w 1',
      'ipvsadm -a -t 192.0.2.10:80 -r 10.0.0.2:80 -g -w 1',
      'ipvsadm -a -t 192.0.2.10:80 -r 10.0.0.3:80 -g -w 1',
      'ipvsadm -e -t 192.0.2.10:80 -r 10.0.0.1:80 -g -w 5',
      'ipvsadm -d -t 192.0.2.10:80 -r 10.0.0.2:80',
      'ipvsadm -E -t 192.0.2.10:80 -s rr',
      'ipvsadm -A -t 192.0.2.20:80 -s rr',
      'ipvsadm -D -t 192.0.2.20:80',
    ].join('\n');
    expect(services(text)).toEqual([{
      protocol: 'tcp', vip: '192.0.2.10', port: 80, scheduler: 'rr',
      realServers: [
        { ip: '10.0.0.1', port: 80, weight: 5, method: 'dr', order: 1 },
        { ip: '10.0.0.3', port: 80, weight: 1, method: 'dr', order: 2 },
      ],
      source: 'rules.txt line 1', orderBasis: 'added',
    }]);
    expect(services(`${text}\nipvsadm -C`)).toEqual([]);
  });

  it('leaves the table unchanged, with a note, where ipvsadm itself would refuse', () => {
    const text = [
      'ipvsadm -a -t 192.0.2.99:80 -r 10.0.0.1:80',
      'ipvsadm -A -t 192.0.2.10:8099 -s rr',
      'ipvsadm -A -t 192.0.2.10:8099 -s wrr',
      'ipvsadm -a -t 192.0.2.10:8099 -r 10.0.0.1:80 -g',
      'ipvsadm -a -t 192.0.2.10:8099 -r 10.0.0.1:8099 -g',
      'ipvsadm -d -t 192.0.2.10:8099 -r 10.0.0.1:80',
      'ipvsadm -e -t 192.0.2.10:8099 -r 10.0.0.9:8099 -w 3',
    ].join('\n');
    const value = expectOk(parse(text));
    expect(readable(value.services)).toMatchObject([{ scheduler: 'rr', realServers: [{ ip: '10.0.0.1', port: 8099 }] }]);
    expect(value.notes).toEqual([
      'rules.txt line 1: ipvsadm would refuse to change tcp 192.0.2.99:80: no such service',
      'rules.txt line 3: ipvsadm would refuse to add tcp 192.0.2.10:8099: it already exists',
      expect.stringContaining('rules.txt line 4: RS port 80 differs from service port 8099'),
      'rules.txt line 5: ipvsadm would refuse to add 10.0.0.1:8099 to tcp 192.0.2.10:8099: it already exists',
      // -d does not force the port, so RIP:80 is not found.
      'rules.txt line 6: ipvsadm would refuse to delete 10.0.0.1:80 from tcp 192.0.2.10:8099: no such real server',
      'rules.txt line 7: ipvsadm would refuse to edit 10.0.0.9:8099 in tcp 192.0.2.10:8099: no such real server',
    ]);
  });
});

describe('parseIpvsadm: text as pasted', () => {
  it('strips prompts, sudo, paths, history numbers, chains, redirections and comments', () => {
    const text = [
      '[root@lb1 ~]# sudo /usr/sbin/ipvsadm -C && ipvsadm -A -t 192.0.2.10:80 -s rr # the VIP',
      'admin@lb1:~$ ipvsadm -a -t 192.0.2.10:80 -r 10.0.0.1:80 -g; ipvsadm -a -t 192.0.2.10:80 -r 10.0.0.2:80 -g',
      ' 118  ipvsadm -a -t 192.0.2.10:80 -r 10.0.0.3:80 -g',
      '$ ipvsadm -S -n > /etc/sysconfig/ipvsadm',
      '# ipvsadm -a -t 192.0.2.10:80 -r 10.0.0.4:80 -g',
      '#!/bin/sh',
    ].join('\n');
    const value = expectOk(parse(text));
    expect(value.services[0]!.realServers.map((rs) => formatIp(rs.ip))).toEqual(['10.0.0.1', '10.0.0.2', '10.0.0.3']);
    expect(value.notes).toEqual(['rules.txt line 5: commented-out command ignored: # ipvsadm -a -t 192.0.2.10:80 -r 10.0.0.4:80 -g']);
  });

  it('splits several prompts collapsed onto one line', () => {
    const text = '[root@lb ~]# ipvsadm -A -t 192.0.2.10:80 -s wrr [root@lb ~]# ipvsadm -a -t 192.0.2.10:80 -r 10.0.0.1:80 -g -w 2';
    expect(services(text)[0]).toMatchObject({ scheduler: 'wrr', realServers: [{ ip: '10.0.0.1', weight: 2 }] });
  });

  it('skips help and connection-table output up to the next prompt', () => {
    const text = [
      '[root@lb ~]# ipvsadm -h',
      'ipvsadm v1.27 2008/5/15 (compiled with popt and IPVS v1.2.1)',
      '  ipvsadm -A|E -t|u|f service-address [-s scheduler] [-p [timeout]] [-M netmask]',
      '[root@lb ~]# ipvsadm -Lnc',
      'IPVS connection entries',
      'pro expire state       source             virtual            destination',
      'TCP 01:48  FIN_WAIT    198.51.100.7:51234 192.0.2.10:80      10.0.0.1:80',
      '[root@lb ~]# ipvsadm -A -t 192.0.2.10:80 -s rr',
    ].join('\n');
    expect(services(text)).toHaveLength(1);
  });

  it('ignores prose and other commands, counting them in a note', () => {
    const text = ['Configure the director:', 'yum -y install ipvsadm', 'ipvsadm -A -t 192.0.2.10:80 -s rr', 'Done.'].join('\n');
    expect(notes(text)).toEqual(["rules.txt: 3 lines that are not ipvsadm input ignored (first: line 1)"]);
  });

  it('fails when nothing in the file is ipvsadm input', () => {
    expect(expectErrors(parse('just some notes\n\n'))).toEqual([
      { file: 'rules.txt', message: 'no ipvsadm commands, ipvsadm -S lines or ipvsadm -Ln table found' },
    ]);
  });

  it('reads an empty file as the empty output of ipvsadm -S: no virtual services, with a note', () => {
    expect(services('')).toEqual([]);
    expect(notes('\n  \n')).toContain('rules.txt: empty, read as the output of ipvsadm -S without virtual services');
  });

  it('reports every unreadable ipvsadm line with its line number', () => {
    const text = [
      'ipvsadm -A -t 192.0.2.10:80 -s wrr',
      'ipvsadm -a -t 192.0.2.10:80 -r web1.example.com:80 -g',
      'ipvsadm -a -t 192.0.2.10:http -r 10.0.0.1 -g',
      'ipvsadm -a -t 192.0.2.10:80 -r 10.0.0.1 -w 70000',
      '-a -t 192.0.2.10:80 -r 10.0.0.1 -g -m',
      'ipvsadm -A -t 192.0.2.11:80 -s rr extra',
      'ipvsadm -A -t 192.0.2.12:80 -q',
      'ipvsadm -a -t 192.0.2.10:80',
      'ipvsadm -A -a -t 192.0.2.10:80',
      'ipvsadm -A -t 300.0.2.10:80',
    ].join('\n');
    const errors = expectErrors(parse(text));
    expect(errors.map((e) => [e.line, e.message])).toEqual([
      [2, "illegal real server address[:port]: 'web1.example.com' is a host name: lvs-doctor does not resolve names; use numeric output (ipvsadm -n)"],
      [3, "illegal virtual server address[:port]: '192.0.2.10:http': port 'http' is a service name: lvs-doctor does not resolve names; use numeric output (ipvsadm -n)"],
      [4, "illegal weight '70000' specified"],
      [5, "multiple 'forwarding-method' options specified"],
      [6, "unexpected argument 'extra'"],
      [7, 'unknown option -q'],
      [8, 'no real server given (-r)'],
      [9, 'multiple commands specified'],
      [10, "illegal virtual server address[:port]: '300.0.2.10:80' is not an address"],
    ]);
    expect(errors.every((e) => e.file === 'rules.txt')).toBe(true);
  });
});

describe('parseIpvsadm: ipvsadm -S / ipvsadm-save output', () => {
  it('reads a saved table; a sorted dump says nothing about the kernel order', () => {
    const text = [
      '-A -t 192.0.2.10:80 -s wrr -p 300 -M 255.255.255.0',
      '-a -t 192.0.2.10:80 -r 10.0.0.1:80 -g -w 1',
      '-a -t 192.0.2.10:80 -r 10.0.0.2:80 -g -w 2',
      '-A -u 192.0.2.10:53 -s rr',
      '-a -u 192.0.2.10:53 -r 10.0.0.2:53 -g -w 1',
      '-a -u 192.0.2.10:53 -r 10.0.0.1:53 -g -w 1',
    ].join('\n');
    const [tcp, udp] = services(text);
    expect(tcp).toEqual({
      protocol: 'tcp', vip: '192.0.2.10', port: 80, scheduler: 'wrr',
      persistence: { timeoutSeconds: 300, netmask: '255.255.255.0' },
      realServers: [
        { ip: '10.0.0.1', port: 80, weight: 1, method: 'dr', order: 1 },
        { ip: '10.0.0.2', port: 80, weight: 2, method: 'dr', order: 2 },
      ],
      source: 'rules.txt line 1', orderBasis: 'sorted',
    });
    // Not in ipvsadm's sort order, so written by hand for ipvsadm -R: the order they are added.
    expect(udp).toMatchObject({ orderBasis: 'added' });
  });

  it('treats a dump after the commands that built the table as a restatement, not a second add', () => {
    const text = [
      '[root@lb ~]# ipvsadm -A -t 192.0.2.10:80 -s wrr',
      '[root@lb ~]# ipvsadm -a -t 192.0.2.10:80 -r 10.0.0.2:80 -g -w 2',
      '[root@lb ~]# ipvsadm -a -t 192.0.2.10:80 -r 10.0.0.1:80 -g -w 1',
      '[root@lb ~]# ipvsadm -S -n',
      '-A -t 192.0.2.10:80 -s wrr',
      '-a -t 192.0.2.10:80 -r 10.0.0.1:80 -g -w 1',
      '-a -t 192.0.2.10:80 -r 10.0.0.2:80 -g -w 2',
    ].join('\n');
    const value = expectOk(parse(text));
    expect(value.notes).toEqual([]);
    expect(value.services[0]!.realServers.map((rs) => formatIp(rs.ip))).toEqual(['10.0.0.2', '10.0.0.1']);
    expect(value.services[0]!.orderBasis).toBe('added');
  });
});

describe('parseIpvsadm: prose that only looks like ipvsadm input', () => {
  it('does not take sentences starting with TCP, FWM or an option-like dash for rules', () => {
    const text = [
      'TCP connections are scheduled per SYN.',
      'FWM services group ports.',
      '-p keeps a client on one real server.',
      'ipvsadm -A -t 192.0.2.10:80 -s rr',
    ].join('\n');
    expect(notes(text)).toEqual(['rules.txt: 3 lines that are not ipvsadm input ignored (first: line 1)']);
  });
});

describe('parseIpvsadm: connection tables in scripts', () => {
  it('skips a pasted connection table and resumes at the next ipvsadm line, prompt or not', () => {
    const text = [
      'IPVS connection entries',
      'pro expire state       source             virtual            destination',
      'TCP 01:48  FIN_WAIT    198.51.100.7:51234 192.0.2.10:80      10.0.0.1:80',
      'ipvsadm -A -t 192.0.2.10:80 -s rr',
      'ipvsadm -a -t 192.0.2.10:80 -r 10.0.0.1:80',
    ].join('\n');
    expect(services(text)).toHaveLength(1);
  });
});
