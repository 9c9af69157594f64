import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIp, parseIpv4, parseIpv6 } from '../../src/decode/addresses.js';
import { decodeFrame } from '../../src/decode/frame.js';
import { decodeIpvsSync, IPVS_SYNC_PORT } from '../../src/decode/ipvs-sync.js';
import { readUdp } from '../../src/decode/udp.js';
import { requireCommand } from '../support/external-tools.js';
import { FIXTURES, packetsOf } from '../support/fixture-captures.js';
import { concat, ipv4Bytes, ipv6Bytes, u16be, u32be, udp } from '../support/packet-bytes.js';

// struct ip_vs_sync_v4: type, protocol, ver_size, flags, state, cport, vport, dport, fwmark, timeout, caddr, vaddr, daddr.
function entryV4(cport: number, rs: string, state = 1): Uint8Array {
  return concat(
    new Uint8Array([0, 6]), u16be(36), u32be(0x183), u16be(state), u16be(cport), u16be(80), u16be(80), u32be(0), u32be(900),
    ipv4Bytes('198.51.100.10'), ipv4Bytes('192.0.2.100'), ipv4Bytes(rs),
  );
}

function entryV6(): Uint8Array {
  return concat(
    new Uint8Array([1, 6]), u16be(72), u32be(0x183), u16be(1), u16be(40000), u16be(80), u16be(80), u32be(0), u32be(900),
    ipv6Bytes('2001:db8:1::10'), ipv6Bytes('2001:db8:2::100'), ipv6Bytes('2001:db8:2::11'),
  );
}

function messageV1(syncid: number, entries: readonly Uint8Array[]): Uint8Array {
  const size = 8 + entries.reduce((n, e) => n + e.length, 0);
  return concat(new Uint8Array([0, syncid]), u16be(size), new Uint8Array([entries.length, 1]), u16be(0), ...entries);
}

describe('decodeIpvsSync', () => {
  it('reads a version 1 message with IPv4 and IPv6 entries', () => {
    const b = messageV1(51, [entryV4(52744, '192.0.2.12'), entryV6()]);
    const m = decodeIpvsSync(b, 0, b.length)!;
    expect(m).toMatchObject({ version: 1, syncid: 51, size: b.length, count: 2 });
    expect(m.connections).toEqual([
      {
        protocol: 6, client: parseIpv4('198.51.100.10'), clientPort: 52744, vip: parseIpv4('192.0.2.100'), vport: 80,
        server: parseIpv4('192.0.2.12'), serverPort: 80, state: 1, flags: 0x183, timeout: 900,
      },
      {
        protocol: 6, client: parseIpv6('2001:db8:1::10'), clientPort: 40000, vip: parseIpv6('2001:db8:2::100'), vport: 80,
        server: parseIpv6('2001:db8:2::11'), serverPort: 80, state: 1, flags: 0x183, timeout: 900,
      },
    ]);
  });

  it('reads a version 0 message (sync_version=0)', () => {
    // struct ip_vs_sync_conn_v0: reserved, protocol, cport, vport, dport, caddr, vaddr, daddr, flags, state.
    const entry = concat(new Uint8Array([0, 17]), u16be(5353), u16be(53), u16be(53), ipv4Bytes('198.51.100.10'), ipv4Bytes('192.0.2.100'), ipv4Bytes('192.0.2.11'), u16be(0x100), u16be(0));
    const b = concat(new Uint8Array([1, 7]), u16be(4 + entry.length), entry);
    const m = decodeIpvsSync(b, 0, b.length)!;
    expect(m).toMatchObject({ version: 0, syncid: 7, count: 1 });
    expect(m.connections[0]).toMatchObject({ protocol: 17, clientPort: 5353, vport: 53, server: parseIpv4('192.0.2.11'), timeout: undefined });
  });

  it('keeps the entries a snap length left whole and the count the message declared', () => {
    const b = messageV1(51, [entryV4(1, '192.0.2.11'), entryV4(2, '192.0.2.12')]);
    const m = decodeIpvsSync(b.subarray(0, 8 + 36 + 10), 0, b.length)!;
    expect(m.count).toBe(2);
    expect(m.connections.map((c) => c.clientPort)).toEqual([1]);
  });

  it('is not a sync message when the header disagrees with the datagram', () => {
    const b = messageV1(51, [entryV4(1, '192.0.2.11')]);
    expect(decodeIpvsSync(b, 0, b.length + 4)).toBeUndefined();
    const wrongVersion = b.slice();
    wrongVersion[5] = 2;
    expect(decodeIpvsSync(wrongVersion, 0, b.length)).toBeUndefined();
    expect(decodeIpvsSync(b.subarray(0, 3), 0, b.length)).toBeUndefined();
  });

  it('is read only from datagrams to the sync port', () => {
    const payload = messageV1(51, [entryV4(1, '192.0.2.11')]);
    for (const [dport, expected] of [[IPVS_SYNC_PORT, true], [8849, false]] as const) {
      const d = udp({ sport: 40000, dport, payload });
      for (const packed of [false, true]) {
        const r = readUdp(d, 0, d.length, packed);
        expect('ok' in r).toBe(false);
        if (!('ok' in r)) expect(r.ipvsSync !== undefined).toBe(expected);
      }
    }
  });
});

const tshark = requireCommand('tshark');

describe('IPVS sync messages of a recorded failover agree with tshark', () => {
  it.skipIf(tshark.skip)(`keepalived-failover-sync ${tshark.label}`, async () => {
    const file = join(FIXTURES, 'keepalived-failover-sync', 'director2.pcap');
    const out = spawnSync('tshark', ['-r', file, '-n', '-Y', 'ipvs', '-T', 'fields', '-E', 'occurrence=a', '-E', 'aggregator=,',
      '-e', 'frame.number', '-e', 'ipvs.syncid', '-e', 'ipvs.conncount', '-e', 'ipvs.caddr', '-e', 'ipvs.cport', '-e', 'ipvs.daddr'], { encoding: 'utf8' });
    const expected = out.stdout.trim().split('\n').map((l) => l.split('\t'));
    expect(expected.length).toBeGreaterThanOrEqual(2);
    const seen: string[][] = [];
    for (const raw of await packetsOf(file)) {
      const l4 = decodeFrame(raw).l4;
      const m = l4?.kind === 'udp' ? l4.ipvsSync : undefined;
      if (!m) continue;
      const c = m.connections;
      seen.push([String(raw.frame), String(m.syncid), String(m.count), c.map((x) => formatIp(x.client)).join(','), c.map((x) => x.clientPort).join(','), c.map((x) => formatIp(x.server)).join(',')]);
    }
    expect(seen).toEqual(expected);
  });
});
