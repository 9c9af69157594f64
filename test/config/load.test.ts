import { describe, expect, it } from 'vitest';
import { loadDeployment } from '../../src/config/load.js';
import { expectErrors, expectOk, formatError, readable } from './readable.js';

function fakeFiles(files: Record<string, string>): (path: string) => Promise<string> {
  return async (path) => {
    const text = files[path];
    if (text === undefined) throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: 'ENOENT' });
    return text;
  };
}

const IPVSADM = ['-A -t 192.0.2.10:80 -s rr', '-a -t 192.0.2.10:80 -r 10.0.0.1:80 -g -w 1'].join('\n');
const KEEPALIVED = `
vrrp_instance VI_1 {
    virtual_router_id 51
    virtual_ipaddress {
        192.0.2.10
    }
}
virtual_server 192.0.2.10 80 {
    lb_algo wrr
    lb_kind DR
    protocol TCP
    real_server 10.0.0.1 80 {
        weight 1
    }
    real_server 10.0.0.2 80 {
        weight 2
    }
}`;
const TOPOLOGY = JSON.stringify({
  services: [{ protocol: 'tcp', vip: '192.0.2.10', port: 80, scheduler: 'wrr', realServers: [{ ip: '10.0.0.2', weight: 2 }] }],
  hosts: [{ name: 'rs1', ip: '10.0.0.1', role: 'real-server' }],
});

describe('loadDeployment', () => {
  it('returns an empty deployment when no option is given', async () => {
    expect(expectOk(await loadDeployment({}, fakeFiles({})))).toEqual({ services: [], hosts: [], vrrp: [], roles: [], notes: [] });
  });

  it('merges in increasing priority: ipvsadm < keepalived < topology < role', async () => {
    const files = fakeFiles({ 'ipvsadm.txt': IPVSADM, 'keepalived.conf': KEEPALIVED, 'topology.json': TOPOLOGY });
    const value = expectOk(await loadDeployment({
      ipvsadm: ['ipvsadm.txt'],
      keepalived: ['keepalived.conf'],
      topology: ['topology.json'],
      roles: ['rs1=rs1.pcap', 'director=lb.pcap'],
    }, files));
    expect(readable(value)).toEqual({
      services: [expect.objectContaining({ source: 'topology.json /services/0', scheduler: 'wrr' })],
      hosts: [{ name: 'rs1', ip: '10.0.0.1', role: 'real-server' }, { name: 'director', role: 'director' }],
      vrrp: [expect.objectContaining({ name: 'VI_1', vrid: 51 })],
      roles: [{ name: 'rs1', file: 'rs1.pcap' }, { name: 'director', file: 'lb.pcap' }],
      notes: [
        'keepalived.conf line 8: tcp 192.0.2.10:80 replaces the one from ipvsadm.txt line 1',
        'topology.json /services/0: tcp 192.0.2.10:80 replaces the one from keepalived.conf line 8',
      ],
    });
  });

  it('reads every file and reports every problem, naming the file', async () => {
    const files = fakeFiles({ 'bad.txt': 'ipvsadm -A -t 192.0.2.10:80 -s rr -z', 'bad.json': '{"hosts": [{"role": "db"}]}' });
    const errors = expectErrors(await loadDeployment({
      ipvsadm: ['bad.txt', 'missing.txt'],
      keepalived: ['/etc/keepalived/keepalived.conf'],
      topology: ['bad.json'],
      roles: ['web=w.pcap'],
    }, files));
    expect(errors.map(formatError)).toEqual([
      'bad.txt:1: unknown option -z',
      'missing.txt: file not found',
      '/etc/keepalived/keepalived.conf: file not found',
      'bad.json /hosts/0/role: must be one of "client", "router", "director", "real-server"',
      "--role: --role web=w.pcap: cannot tell the role of 'web'; start the name with client*, router*/gw*, director*/lb*/ds*, rs*/real*",
    ]);
  });

  it('describes other read failures', async () => {
    const readFile = async (): Promise<string> => {
      throw Object.assign(new Error("EACCES: permission denied, open 'x'"), { code: 'EACCES' });
    };
    expect(expectErrors(await loadDeployment({ topology: ['x'] }, readFile))).toEqual([{ file: 'x', message: 'permission denied' }]);
  });
});
