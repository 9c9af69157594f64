import { describe, expect, it } from 'vitest';
import { parseIp, parseMac, type IpAddress, type Mac } from '../../src/decode/addresses.js';
import { type DeploymentConfig, EMPTY_DEPLOYMENT, mergeDeployments, type ServiceConfig } from '../../src/config/deployment.js';

const ip = (text: string): IpAddress => parseIp(text)!;
const mac = (text: string): Mac => parseMac(text)!;

function service(source: string, weights: readonly number[], port = 80): ServiceConfig {
  return {
    protocol: 'tcp', vip: ip('192.0.2.10'), port, scheduler: 'wrr', source,
    realServers: weights.map((weight, i) => ({ ip: ip(`10.0.0.${i + 1}`), port, weight, method: 'dr', order: i + 1 })),
  };
}

const deployment = (parts: Partial<DeploymentConfig>): DeploymentConfig => ({ ...EMPTY_DEPLOYMENT, ...parts });

describe('mergeDeployments', () => {
  it('returns an empty deployment for no inputs', () => {
    expect(mergeDeployments([])).toEqual(EMPTY_DEPLOYMENT);
  });

  it('lets a later input replace a service with the same key, noting when the content differs', () => {
    const merged = mergeDeployments([
      deployment({ services: [service('a.txt line 1', [1, 2]), service('a.txt line 5', [1], 443)], notes: ['from a'] }),
      deployment({ services: [service('b.conf line 3', [1, 1])] }),
      deployment({ services: [service('c.json /services/0', [1, 1])] }),
    ]);
    expect(merged.services.map((s) => s.source)).toEqual(['c.json /services/0', 'a.txt line 5']);
    expect(merged.notes).toEqual(['from a', 'b.conf line 3: tcp 192.0.2.10:80 replaces the one from a.txt line 1']);
  });

  it('updates a host field by field, matched by name when both have one, else by IP, else by MAC', () => {
    const merged = mergeDeployments([
      deployment({
        hosts: [
          { name: 'lb1', ip: ip('10.0.0.254'), role: 'director' },
          { ip: ip('10.0.0.1'), role: 'real-server' },
          { mac: mac('52:54:00:00:00:09'), role: 'client' },
          { name: 'rs9', role: 'real-server' },
        ],
      }),
      deployment({
        hosts: [
          { name: 'lb1', mac: mac('52:54:00:00:00:fe'), role: 'director' },
          { ip: ip('10.0.0.1'), mac: mac('52:54:00:00:00:01'), role: 'real-server' },
          { mac: mac('52:54:00:00:00:09'), role: 'router' },
          { name: 'rs8', ip: ip('10.0.0.1'), role: 'real-server' },
        ],
      }),
    ]);
    expect(merged.hosts).toEqual([
      { name: 'lb1', ip: ip('10.0.0.254'), mac: mac('52:54:00:00:00:fe'), role: 'director' },
      // The unnamed host at 10.0.0.1 takes the name of the later named one at the same IP.
      { ip: ip('10.0.0.1'), mac: mac('52:54:00:00:00:01'), name: 'rs8', role: 'real-server' },
      { mac: mac('52:54:00:00:00:09'), role: 'router' },
      { name: 'rs9', role: 'real-server' },
    ]);
  });

  it('keeps the VRRP instances of two directors side by side and replaces an identical one', () => {
    const vrrp = (priority: number, state: 'MASTER' | 'BACKUP', source: string) => ({
      name: 'VI_1', vrid: 51, priority, state, advertIntSeconds: 1, version: 2 as const, vips: [ip('192.0.2.10')], unicastPeers: [], source,
    });
    const merged = mergeDeployments([
      deployment({ vrrp: [vrrp(100, 'MASTER', 'lb1.conf line 1'), vrrp(90, 'BACKUP', 'lb2.conf line 1')] }),
      deployment({ vrrp: [vrrp(90, 'BACKUP', 'topology.json /vrrp/0')] }),
    ]);
    expect(merged.vrrp.map((v) => v.source)).toEqual(['lb1.conf line 1', 'topology.json /vrrp/0']);
  });

  it('lets a later role capture replace one with the same name', () => {
    const merged = mergeDeployments([
      deployment({ roles: [{ name: 'rs1', file: 'old.pcap' }, { name: 'lb', file: 'lb.pcap' }] }),
      deployment({ roles: [{ name: 'rs1', file: 'new.pcap' }] }),
    ]);
    expect(merged.roles).toEqual([{ name: 'rs1', file: 'new.pcap' }, { name: 'lb', file: 'lb.pcap' }]);
  });
});
