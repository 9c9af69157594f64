import { describe, expect, it } from 'vitest';
import { formatIp } from '../../src/decode/addresses.js';
import { parseKeepalived } from '../../src/config/keepalived.js';
import { expectErrors, expectOk, formatError, readable } from './readable.js';
import { between, describeWithSeeds, lineOf } from './seed-texts.js';

const parse = (text: string) => parseKeepalived(text, 'keepalived.conf');

describeWithSeeds('parseKeepalived on the keepalived.conf of seed 001', (seed) => {
  it('reads its VRRP instance and its DR virtual server', () => {
    const { text } = seed('001');
    const conf = between(text, 'global_defs {', '启动keepalived服务');
    const value = expectOk(parse(conf));
    expect(readable(value.vrrp)).toEqual([{
      name: 'VI_1', vrid: 51, priority: 100, state: 'MASTER', interface: 'eth0', advertIntSeconds: 1, version: 2,
      authType: 'PASS', authPass: '1111', vips: ['10.10.10.22'], unicastPeers: [],
      source: `keepalived.conf line ${lineOf(conf, 'vrrp_instance VI_1')}`,
    }]);
    expect(readable(value.services)).toEqual([{
      protocol: 'tcp', vip: '10.10.10.22', port: 80, scheduler: 'wrr',
      // persistence_timeout 0: not persistent.
      realServers: [
        { ip: '10.10.10.31', port: 80, weight: 3, method: 'dr', order: 1 },
        { ip: '10.10.10.32', port: 80, weight: 3, method: 'dr', order: 2 },
      ],
      source: `keepalived.conf line ${lineOf(conf, 'virtual_server 10.10.10.22 80')}`,
      orderBasis: 'added',
    }]);
    expect(value.notes).toEqual([]);
  });
});

describe('parseKeepalived: virtual servers', () => {
  it('reads ops (one-packet scheduling)', () => {
    const value = expectOk(parse(`
virtual_server 192.0.2.10 53 {
    lb_algo rr
    lb_kind DR
    protocol UDP
    ops
    real_server 10.0.0.1 53 {
    }
}`));
    expect(value.services[0]).toMatchObject({ protocol: 'udp', onePacket: true });
  });

  it('reads sorry_server: a destination apart from the real servers, on the service port for DR', () => {
    const value = expectOk(parse(`
virtual_server 192.0.2.10 80 {
    lb_algo rr
    lb_kind DR
    protocol TCP
    sorry_server 10.0.0.9 8080
    real_server 10.0.0.1 80 {
    }
}`));
    expect(readable(value.services[0]!.sorryServer)).toEqual({ ip: '10.0.0.9', port: 80 });
    expect(value.services[0]!.realServers.map((r) => formatIp(r.ip))).toEqual(['10.0.0.1']);
    expect(expectErrors(parse('virtual_server 192.0.2.10 80 {\n  sorry_server nowhere 80\n  real_server 10.0.0.1 80 {\n  }\n}\n')).map(formatError)).toEqual([
      "keepalived.conf:2: virtual_server 192.0.2.10 80: sorry_server 'nowhere' is not an address",
    ]);
  });

  it('resets a DR real-server port to the virtual-server port, as keepalived 2.0.15 and later do, with a note', () => {
    const value = expectOk(parse(`
virtual_server 192.0.2.10 8099 {
    lb_algo wrr
    lb_kind DR
    protocol TCP
    real_server 10.0.0.1 80 {
        weight 2
    }
    real_server 10.0.0.2 8099 {
    }
}`));
    expect(readable(value.services[0]!.realServers)).toEqual([
      { ip: '10.0.0.1', port: 8099, weight: 2, method: 'dr', order: 1, requestedPort: 80 },
      { ip: '10.0.0.2', port: 8099, weight: 1, method: 'dr', order: 2 },
    ]);
    expect(value.notes).toEqual([
      'keepalived.conf line 6: RS port 80 differs from virtual server port 8099: keepalived ≥ 2.0.15 resets it to 8099 for DR ' +
        '(older versions pass 80 to the kernel and health-check port 80); frames reach 10.0.0.1:8099',
    ]);
  });

  it('keeps NAT port maps, fills a missing NAT port from the virtual server, and lets a real server choose its method', () => {
    const value = expectOk(parse(`
virtual_server 192.0.2.10 80 {
    lvs_sched rr
    lvs_method NAT
    protocol TCP
    real_server 10.0.0.1 8080
    real_server 10.0.0.2
    real_server 10.0.0.3 80 {
        lvs_method TUN
    }
}`));
    expect(readable(value.services[0]!.realServers)).toEqual([
      { ip: '10.0.0.1', port: 8080, weight: 1, method: 'nat', order: 1 },
      { ip: '10.0.0.2', port: 80, weight: 1, method: 'nat', order: 2 },
      { ip: '10.0.0.3', port: 80, weight: 1, method: 'tunnel', order: 3 },
    ]);
  });

  it("applies keepalived's defaults with notes: wlc, NAT, UDP", () => {
    const value = expectOk(parse('virtual_server 192.0.2.10 53 {\n  real_server 10.0.0.1 53 {\n  }\n}\n'));
    expect(readable(value.services[0])).toMatchObject({ protocol: 'udp', scheduler: 'wlc', realServers: [{ method: 'nat', weight: 1 }] });
    expect(value.notes).toEqual([
      'keepalived.conf line 1: udp 192.0.2.10:53: no protocol set; keepalived programs UDP',
      'keepalived.conf line 1: udp 192.0.2.10:53: no lb_algo set; keepalived uses wlc',
      'keepalived.conf line 1: udp 192.0.2.10:53: no lb_kind set; keepalived uses NAT',
    ]);
  });

  it('reads persistence: a bare persistence_timeout means 360 s; granularity is the mask', () => {
    const value = expectOk(parse(`
virtual_server 192.0.2.10 443 {
    lb_algo rr
    lb_kind DR
    protocol TCP
    persistence_timeout
    persistence_granularity 255.255.255.0
    real_server 10.0.0.1 443 {
    }
}`));
    expect(value.services[0]!.persistence).toEqual({ timeoutSeconds: 360, netmask: '255.255.255.0' });
  });

  it('reads fwmark virtual servers, clearing the port of DR real servers (with a note)', () => {
    const value = expectOk(parse(`
virtual_server fwmark 5 {
    ip_family inet6
    lb_algo sh
    lb_kind DR
    real_server 2001:db8::a 443 {
        weight 4
    }
}`));
    expect(readable(value.services)).toEqual([expect.objectContaining({
      protocol: 'fwmark', fwmark: 5, ipv6: true, scheduler: 'sh',
      realServers: [{ ip: '2001:db8::a', port: 0, weight: 4, method: 'dr', order: 1, requestedPort: 443 }],
    })]);
    expect(value.notes[0]).toMatch(/clears the port of DR real servers of fwmark services/);
  });

  it('drops a real server listed twice and a virtual server without real servers, as keepalived does', () => {
    const value = expectOk(parse(`
virtual_server 192.0.2.10 80 {
    lb_algo rr
    lb_kind DR
    protocol TCP
    real_server 10.0.0.1 80 {
    }
    real_server 10.0.0.1 80 {
        weight 9
    }
}
virtual_server 192.0.2.11 80 {
    lb_algo rr
    lb_kind DR
    protocol TCP
}`));
    expect(value.services).toHaveLength(1);
    expect(value.services[0]!.realServers).toHaveLength(1);
    expect(value.notes).toEqual([
      'keepalived.conf line 8: tcp 192.0.2.10:80: real server 10.0.0.1:80 is listed twice; keepalived drops the second',
      'keepalived.conf line 12: tcp 192.0.2.11:80: no real servers; keepalived ignores this virtual server',
    ]);
  });

  it('notes what it does not follow: include, virtual_server_group', () => {
    const value = expectOk(parse(`
include /etc/keepalived/conf.d/*.conf
virtual_server_group web {
    192.0.2.10 80
}
virtual_server group web {
    lb_kind DR
    real_server 10.0.0.1 80 {
    }
}`));
    expect(value.services).toEqual([]);
    expect(value.notes).toEqual([
      'keepalived.conf line 2: include /etc/keepalived/conf.d/*.conf is not followed; pass that file with another --keepalived',
      'keepalived.conf line 3: virtual_server_group web is not read; describe its services with --topology',
      'keepalived.conf line 6: virtual_server group web: virtual_server_group services are not read; describe them with --topology',
      'keepalived.conf line 1: no virtual_server or vrrp_instance found',
    ]);
  });
});

describe('parseKeepalived: VRRP instances', () => {
  it('reads every field, with global_defs defaults for version and GARP timing', () => {
    const value = expectOk(parse(`
global_defs {
   router_id LVS_A
   vrrp_version 3
   vrrp_garp_master_delay 10
   vrrp_garp_master_repeat 3
}
vrrp_instance VI_WEB {
    state BACKUP
    interface ens192
    virtual_router_id 7
    priority 90
    advert_int 0.5
    use_vmac
    garp_master_repeat 8
    unicast_src_ip 192.0.2.2
    unicast_peer {
        192.0.2.3
    }
    virtual_ipaddress {
        192.0.2.100/32 dev ens192 label ens192:1
        192.0.2.101
        2001:db8::100/64 dev ens192
    }
    virtual_ipaddress_excluded {
        198.51.100.9/24
    }
}`));
    expect(readable(value.vrrp)).toEqual([{
      name: 'VI_WEB', vrid: 7, priority: 90, state: 'BACKUP', interface: 'ens192', advertIntSeconds: 0.5, version: 3,
      vips: ['192.0.2.100', '192.0.2.101', '2001:db8::100', '198.51.100.9'],
      unicastPeers: ['192.0.2.3'], unicastSrcIp: '192.0.2.2', useVmac: true,
      garpMasterDelay: 10, garpMasterRepeat: 8,
      source: 'keepalived.conf line 8',
    }]);
  });

  it('notes an auth_pass longer than the 8 bytes a VRRPv2 advert carries', () => {
    const value = expectOk(parse(`
vrrp_instance VI_1 {
    virtual_router_id 51
    authentication {
        auth_type PASS
        auth_pass secret-password
    }
}`));
    expect(value.vrrp[0]).toMatchObject({ authType: 'PASS', authPass: 'secret-password', priority: 100, advertIntSeconds: 1, version: 2 });
    expect(value.notes).toEqual(['keepalived.conf line 6: vrrp_instance VI_1: auth_pass is longer than 8 characters; adverts carry only the first 8']);
  });
});

describe('parseKeepalived: syntax', () => {
  it('accepts braces glued to words or on their own line, quoted strings and ! comments', () => {
    const value = expectOk(parse(`
! Configuration File for keepalived
vrrp_instance "VI 1"
{
    virtual_router_id 9   # the VRID
    virtual_ipaddress {192.0.2.100}
}
virtual_server 192.0.2.100 80{
    lb_kind DR ! direct routing
    protocol TCP
    real_server 10.0.0.1 80{ weight 2 }
}`));
    expect(readable(value.vrrp[0])).toMatchObject({ name: 'VI 1', vrid: 9, vips: ['192.0.2.100'] });
    expect(readable(value.services[0]!.realServers)).toEqual([{ ip: '10.0.0.1', port: 80, weight: 2, method: 'dr', order: 1 }]);
  });

  it('reports problems with their line numbers', () => {
    const errors = expectErrors(parse(`
vrrp_instance VI_1 {
    state PRIMARY
    priority 300
    virtual_ipaddress {
        192.0.2.300/32
    }
}
vrrp_instance VI_2 {
    interface eth0
}
virtual_server 192.0.2.10 80 {
    lb_kind DSR
    protocol ICMP
    real_server web1 80 {
        weight heavy
    }
}
}
virtual_server 192.0.2.11 http {
`));
    expect(errors.map((e) => [e.line, e.message])).toEqual([
      [19, "'}' without a matching '{'"],
      [20, "'{' of 'virtual_server' is never closed"],
      [3, "vrrp_instance VI_1: state must be MASTER or BACKUP, found 'PRIMARY'"],
      [4, "vrrp_instance VI_1: priority needs an integer from 1 to 255, found '300'"],
      [6, "vrrp_instance VI_1: virtual_ipaddress: '192.0.2.300/32' is not an address"],
      [2, 'vrrp_instance VI_1: no virtual_router_id'],
      [9, 'vrrp_instance VI_2: no virtual_router_id'],
      [13, "virtual_server 192.0.2.10 80: lb_kind must be NAT, DR or TUN, found 'DSR'"],
      [14, "virtual_server 192.0.2.10 80: protocol must be TCP, UDP or SCTP, found 'ICMP'"],
      [15, "virtual_server 192.0.2.10 80: real_server 'web1' is not an address"],
      [20, "virtual_server 192.0.2.11 http: port 'http' is a service name: lvs-doctor does not resolve names; use numeric output (ipvsadm -n)"],
    ]);
  });
});
