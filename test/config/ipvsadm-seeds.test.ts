import { expect, it } from 'vitest';
import { parseIpvsadm } from '../../src/config/ipvsadm.js';
import { expectErrors, expectOk, readable } from './readable.js';
import { between, describeWithSeeds, lineOf } from './seed-texts.js';

describeWithSeeds('parseIpvsadm on real how-to texts', (seed) => {
  it('reads the wrr 1:2 service of seed 000 from the whole article, keeping the order the commands added', () => {
    const { text, name } = seed('000');
    const value = expectOk(parseIpvsadm(text, name));
    expect(readable(value.services)).toEqual([
      {
        protocol: 'tcp', vip: '192.168.237.141', port: 80, scheduler: 'wrr',
        realServers: [
          { ip: '192.168.237.171', port: 80, weight: 1, method: 'dr', order: 1 },
          { ip: '192.168.237.172', port: 80, weight: 2, method: 'dr', order: 2 },
        ],
        // The -A command; the -Ln table later on confirms the same members.
        source: `${name} line ${lineOf(text, 'ipvsadm -A -t 192.168.237.141:80')}`,
        orderBasis: 'added',
      },
    ]);
    expect(value.notes.some((n) => /lines that are not ipvsadm input ignored/.test(n))).toBe(true);
  });

  it('reads the -Ln table of seed 000 that was collapsed onto one line', () => {
    const { text, name } = seed('000');
    const line = text.split('\n').find((l) => l.includes('ipvsadm -Ln IP Virtual Server'))!;
    const value = expectOk(parseIpvsadm(line, name));
    expect(readable(value.services)).toEqual([
      expect.objectContaining({
        protocol: 'tcp', vip: '192.168.237.141', port: 80, scheduler: 'wrr', orderBasis: 'sorted',
        realServers: [
          { ip: '192.168.237.171', port: 80, weight: 1, method: 'dr', order: 1 },
          { ip: '192.168.237.172', port: 80, weight: 2, method: 'dr', order: 2 },
        ],
      }),
    ]);
  });

  it('reads the persistent service (-p 20) of seed 001, with trailing # comments', () => {
    const { text, name } = seed('001');
    const value = expectOk(parseIpvsadm(text, name));
    expect(readable(value.services)).toEqual([
      {
        protocol: 'tcp', vip: '10.10.10.22', port: 80, scheduler: 'wrr', persistence: { timeoutSeconds: 20 },
        realServers: [
          { ip: '10.10.10.31', port: 80, weight: 1, method: 'dr', order: 1 },
          { ip: '10.10.10.32', port: 80, weight: 1, method: 'dr', order: 2 },
        ],
        source: `${name} line ${lineOf(text, 'ipvsadm -A -t 10.10.10.22:80')}`,
        orderBasis: 'added',
      },
    ]);
  });

  it('reads the rr service of seed 003 from numbered shell history after ipvsadm -C', () => {
    const { text, name } = seed('003');
    const value = expectOk(parseIpvsadm(text, name));
    expect(readable(value.services)).toEqual([
      expect.objectContaining({
        protocol: 'tcp', vip: '192.168.136.200', port: 80, scheduler: 'rr',
        realServers: [
          { ip: '192.168.136.120', port: 80, weight: 1, method: 'dr', order: 1 },
          { ip: '192.168.136.130', port: 80, weight: 1, method: 'dr', order: 2 },
        ],
      }),
    ]);
  });

  it('rejects the name-resolving ipvsadm -L table of seed 004 line by line, and nothing else in it', () => {
    const { text, name } = seed('004');
    const errors = expectErrors(parseIpvsadm(text, name));
    const first = lineOf(text, 'TCP  ds1:http wrr');
    expect(errors.map((e) => e.line)).toEqual([first, first + 1, first + 2]);
    expect(errors[0]!.message).toMatch(/'ds1' is a host name.*ipvsadm -n/);
    expect(errors[1]!.message).toMatch(/port 'http' is a service name/);
  });

  it('shows the port-remap attempt of seed 004: ipvsadm stored 8099 for real servers given as :80', () => {
    const { text, name } = seed('004');
    const fragment = between(text, '配置端口映射', '发现我们配置的映射');
    const value = expectOk(parseIpvsadm(fragment, name));
    const remapped = value.services.find((s) => s.protocol === 'tcp' && s.port === 8099)!;
    expect(readable(remapped.realServers)).toEqual([
      { ip: '192.168.56.183', port: 8099, weight: 1, method: 'dr', order: 1, requestedPort: 80 },
      { ip: '192.168.56.184', port: 8099, weight: 1, method: 'dr', order: 2, requestedPort: 80 },
    ]);
    expect(value.notes.filter((n) => n.includes('RS port 80 differs from service port 8099: ipvsadm stores 8099 for -g'))).toHaveLength(2);
    const first = value.services.find((s) => s.protocol === 'tcp' && s.port === 80)!;
    expect(first.realServers.map((rs) => rs.weight)).toEqual([2, 1]);
  });
});
