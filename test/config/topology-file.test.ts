import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FORWARD_METHODS, HOST_ROLES, ORDER_BASES } from '../../src/config/deployment.js';
import { parseTopologyFile } from '../../src/config/topology-file.js';
import { TOPOLOGY_SCHEMA_URL } from '../../src/config/topology-schema.js';
import { expectErrors, expectOk, formatError, readable } from './readable.js';

const parse = (json: unknown) => parseTopologyFile(typeof json === 'string' ? json : JSON.stringify(json), 'topology.json');
const problems = (json: unknown) => expectErrors(parse(json)).map(formatError);

describe('parseTopologyFile', () => {
  it('reads onePacket (one-packet scheduling)', () => {
    const value = expectOk(parse({ services: [{ protocol: 'udp', vip: '192.0.2.10', port: 53, onePacket: true, realServers: [{ ip: '10.0.0.1' }] }] }));
    expect(value.services[0]).toMatchObject({ onePacket: true });
  });

  it('reads services, hosts and VRRP instances, normalising addresses and filling defaults', () => {
    const value = expectOk(parse({
      $schema: '../schema/topology.schema.json',
      services: [
        {
          protocol: 'tcp', vip: '192.0.2.10', port: 80, scheduler: 'wrr', persistence: { timeoutSeconds: 300, netmask: '255.255.255.0' },
          realServers: [{ ip: '10.0.0.1', weight: 1 }, { ip: '10.0.0.2', weight: 2, order: 1 }],
        },
        { protocol: 'fwmark', fwmark: 3, realServers: [{ ip: '2001:DB8::A', method: 'nat', port: 8080 }], orderBasis: 'kernel' },
      ],
      hosts: [
        { name: 'director', ip: '10.0.0.254', mac: '52:54:00:AB:CD:EF', role: 'director' },
        { mac: '52-54-00-00-00-01', role: 'real-server' },
      ],
      vrrp: [{ name: 'VI_1', vrid: 51, state: 'MASTER', vips: ['192.0.2.10'] }],
    }));
    expect(readable(value)).toEqual({
      services: [
        {
          protocol: 'tcp', vip: '192.0.2.10', port: 80, scheduler: 'wrr',
          persistence: { timeoutSeconds: 300, netmask: '255.255.255.0' },
          realServers: [
            { ip: '10.0.0.1', port: 80, weight: 1, method: 'dr', order: 1 },
            { ip: '10.0.0.2', port: 80, weight: 2, method: 'dr', order: 1 },
          ],
          source: 'topology.json /services/0', orderBasis: 'declared',
        },
        {
          protocol: 'fwmark', fwmark: 3, scheduler: 'wlc',
          realServers: [{ ip: '2001:db8::a', port: 8080, weight: 1, method: 'nat', order: 1 }],
          source: 'topology.json /services/1', orderBasis: 'kernel',
        },
      ],
      hosts: [
        { name: 'director', ip: '10.0.0.254', mac: '52:54:00:ab:cd:ef', role: 'director' },
        { mac: '52:54:00:00:00:01', role: 'real-server' },
      ],
      vrrp: [{
        name: 'VI_1', vrid: 51, state: 'MASTER', priority: 100, advertIntSeconds: 1, version: 2,
        vips: ['192.0.2.10'], unicastPeers: [], source: 'topology.json /vrrp/0',
      }],
      roles: [],
      notes: [],
    });
  });

  it('accepts an empty object', () => {
    expect(expectOk(parse({}))).toEqual({ services: [], hosts: [], vrrp: [], roles: [], notes: [] });
  });

  it('notes a DR real server whose port differs from the service port', () => {
    const value = expectOk(parse({ services: [{ protocol: 'tcp', vip: '192.0.2.10', port: 8099, realServers: [{ ip: '10.0.0.1', port: 80 }] }] }));
    expect(value.notes).toEqual([
      "topology.json /services/0/realServers/0: DR real server 10.0.0.1:80 has a port other than the service's 8099; frames reach it on 8099",
    ]);
  });

  it('names the JSON path of every schema violation', () => {
    expect(problems({
      services: [
        { protocol: 'tcp', vip: '192.0.2.10', port: 80, realServers: [{ ip: '10.0.0.1' }, { ip: '10.0.0.300' }] },
        { protocol: 'tcp', vip: '192.0.2.11', realServers: [], weight: 3 },
        { protocol: 'fwmark', fwmark: 1, vip: '192.0.2.12', realServers: [{ ip: '10.0.0.1', method: 'dsr' }] },
        { protocol: 'icmp', vip: '192.0.2.12', port: 0, realServers: [] },
      ],
      hosts: [{ name: 'rs1', mac: '52:54:00:zz:00:01', role: 'backend' }],
      vrrp: [{ name: 'VI_1', vrid: 256 }],
      extra: true,
    })).toEqual([
      "topology.json /: must NOT have additional property 'extra'",
      'topology.json /services/0/realServers/1/ip: must match format "ip"',
      "topology.json /services/1: must have required property 'port'",
      "topology.json /services/1: must NOT have additional property 'weight'",
      'topology.json /services/2/vip: is not allowed here',
      'topology.json /services/2/realServers/0/method: must be one of "dr", "nat", "tunnel"',
      'topology.json /services/3/protocol: must be one of "tcp", "udp", "sctp", "fwmark"',
      'topology.json /hosts/0/mac: must match format "mac"',
      'topology.json /hosts/0/role: must be one of "client", "router", "director", "real-server"',
      'topology.json /vrrp/0/vrid: must be <= 255',
    ]);
  });

  it('reports what the schema cannot express: duplicate services, hosts without identity, bad masks', () => {
    expect(problems({
      services: [
        { protocol: 'tcp', vip: '192.0.2.10', port: 80, realServers: [] },
        { protocol: 'tcp', vip: '192.0.2.10', port: 80, persistence: { timeoutSeconds: 60, netmask: '255.255.0.300' }, realServers: [] },
      ],
      hosts: [{ role: 'client' }],
    })).toEqual([
      'topology.json /services/1: tcp 192.0.2.10:80 is already described at /services/0',
      "topology.json /services/1/persistence/netmask: illegal virtual server persistent mask '255.255.0.300' specified",
      'topology.json /hosts/0: must have at least one of name, ip, mac',
    ]);
  });

  it('reports text that is not JSON', () => {
    const [error] = expectErrors(parse('{ "services": [ }'));
    expect(error).toMatchObject({ file: 'topology.json' });
    expect(error!.message).toMatch(/^not valid JSON: /);
  });
});

describe('schema/topology.schema.json', () => {
  const schema = JSON.parse(readFileSync(TOPOLOGY_SCHEMA_URL, 'utf8')) as {
    $schema: string;
    definitions: Record<string, { properties: Record<string, { enum?: unknown[] }> }>;
  };

  it('is a draft-07 schema', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
  });

  it('lists the same roles, forwarding methods and order bases as the TypeScript types', () => {
    expect(schema.definitions['host']!.properties['role']!.enum).toEqual([...HOST_ROLES]);
    expect(schema.definitions['realServer']!.properties['method']!.enum).toEqual([...FORWARD_METHODS]);
    expect(schema.definitions['service']!.properties['orderBasis']!.enum).toEqual([...ORDER_BASES]);
  });
});
