import { describe, expect, it } from 'vitest';
import { isGroupAddress, type Ipv4, type Ipv6 } from '../../src/decode/addresses.js';

const v4 = (a: number, b: number, c: number, d: number) => (((a << 24) | (b << 16) | (c << 8) | d) >>> 0) as Ipv4;

describe('isGroupAddress', () => {
  it('takes IPv4 multicast and the limited broadcast for groups', () => {
    expect(isGroupAddress(v4(224, 0, 0, 18))).toBe(true);
    expect(isGroupAddress(v4(239, 255, 0, 16))).toBe(true);
    expect(isGroupAddress(v4(255, 255, 255, 255))).toBe(true);
  });
  it('takes unicast IPv4 for one host', () => {
    expect(isGroupAddress(v4(192, 0, 2, 100))).toBe(false);
    expect(isGroupAddress(v4(223, 255, 255, 255))).toBe(false);
    expect(isGroupAddress(v4(240, 0, 0, 1))).toBe(false);
  });
  it('takes ff00::/8 for IPv6 groups', () => {
    expect(isGroupAddress('ff02::12' as Ipv6)).toBe(true);
    expect(isGroupAddress('2001:db8::100' as Ipv6)).toBe(false);
    expect(isGroupAddress('fe80::1' as Ipv6)).toBe(false);
  });
});
