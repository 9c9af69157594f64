import { describe, expect, it } from 'vitest';
import { parseIpv4 } from '../../src/decode/addresses.js';
import { VRRP_HEADER_LENGTH, decodeVrrp } from '../../src/decode/vrrp.js';
import { concat, hex, internetChecksum, vrrp } from '../support/packet-bytes.js';
import { expectDecoded, expectIssue, expectPrefixesFail, shifted } from './result-assertions.js';
import { HOST } from './sample-frames.js';

// keepalived's default advert: VRRPv2, vrid 51, priority 100, one VIP, no auth, 1 s.
const v2 = vrrp({ vrid: 51, priority: 100, addresses: [HOST.VIP], authType: 0, interval: 1 });

function decodeOverIpv4(b: Uint8Array, off: number, end: number) {
  return decodeVrrp(b, off, end, 4);
}

describe('decodeVrrp', () => {
  it('reads every field of a keepalived VRRPv2 advert', () => {
    const r = expectDecoded(decodeVrrp(v2, 0, v2.length, 4));
    expect(r.value).toStrictEqual({
      kind: 'vrrp', offset: 0, version: 2, type: 1, vrid: 51, priority: 100, addressCount: 1, authType: 0,
      intervalCs: 100, checksum: v2[6]! * 256 + v2[7]!, addresses: [parseIpv4(HOST.VIP)], authDataHex: '0000000000000000',
    });
    expect(internetChecksum(v2)).toBe(0);
    expect(r.next).toBe(20);
    expect(r.issue).toBeUndefined();
  });

  it('reads simple-text auth data as hex and several addresses, at an offset', () => {
    const b = vrrp({
      vrid: 7, priority: 255, addresses: ['192.0.2.100', '192.0.2.101', '192.0.2.102'], authType: 1, interval: 3,
      authData: concat(new TextEncoder().encode('secret'), new Uint8Array(2)),
    });
    const r = expectDecoded(decodeVrrp(shifted(b, 34), 34, 34 + b.length, 4));
    expect(r.value).toMatchObject({
      offset: 34, vrid: 7, priority: 255, addressCount: 3, authType: 1, intervalCs: 300,
      addresses: [parseIpv4('192.0.2.100'), parseIpv4('192.0.2.101'), parseIpv4('192.0.2.102')],
      authDataHex: '7365637265740000',
    });
    expect(r.next).toBe(34 + 8 + 12 + 8);
  });

  it('reads a VRRPv3 advert over IPv4: centisecond interval, no auth', () => {
    const b = vrrp({ version: 3, vrid: 9, priority: 150, addresses: ['192.0.2.100', '192.0.2.101'], interval: 100 });
    const r = expectDecoded(decodeVrrp(b, 0, b.length, 4));
    expect(r.value).toStrictEqual({
      kind: 'vrrp', offset: 0, version: 3, type: 1, vrid: 9, priority: 150, addressCount: 2, authType: undefined,
      intervalCs: 100, checksum: 0, addresses: [parseIpv4('192.0.2.100'), parseIpv4('192.0.2.101')], authDataHex: undefined,
    });
    expect(r.next).toBe(16);
  });

  it('reads a VRRPv3 advert over IPv6 with IPv6 addresses, ignoring the reserved bits', () => {
    const b = vrrp({ version: 3, vrid: 9, priority: 0, addresses: [HOST.VIP6, 'fe80::1'], interval: 4095 });
    b[4] = b[4]! | 0xf0;
    const r = expectDecoded(decodeVrrp(b, 0, b.length, 6));
    expect(r.value).toMatchObject({ version: 3, priority: 0, intervalCs: 4095, addresses: [HOST.VIP6, 'fe80::1'] });
    expect(r.next).toBe(8 + 32);
  });

  it('says other versions are unsupported', () => {
    for (const first of [0x11, 0x41, 0x01]) {
      const b = concat(Uint8Array.of(first), v2.subarray(1));
      expect(expectIssue(decodeVrrp(b, 0, b.length, 4))).toStrictEqual({
        code: 'vrrp.unsupported-version', layer: 'vrrp', cause: 'unsupported', offset: 0,
      });
    }
  });

  it('keeps an unknown type and zero addresses', () => {
    const b = vrrp({ type: 5, vrid: 1, priority: 1, addresses: [], interval: 0 });
    expect(expectDecoded(decodeVrrp(b, 0, b.length, 4)).value).toMatchObject({ type: 5, addressCount: 0, addresses: [], intervalCs: 0 });
  });

  it('fails when the count announces more addresses than there are', () => {
    const b = vrrp({ vrid: 1, priority: 1, addresses: [HOST.VIP], interval: 1, count: 2 });
    expect(expectIssue(decodeVrrp(b, 0, b.length, 4))).toMatchObject({ code: 'vrrp.truncated', cause: 'malformed' });
    const huge = concat(hex('31 01 01 ff 0064 0000'), new Uint8Array(64));
    expect(expectIssue(decodeVrrp(huge, 0, huge.length, 6)).code).toBe('vrrp.truncated');
  });

  it('fails on every prefix shorter than header, addresses and auth data', () => {
    expectPrefixesFail(decodeOverIpv4, v2, v2.length, 'vrrp.truncated');
    expect(VRRP_HEADER_LENGTH).toBe(8);
  });
});
