// VRRP advertisements (IP protocol 112): version 2 (RFC 3768, keepalived's default) and
// version 3 (RFC 5798, over IPv4 or IPv6).

import { type IpAddress, ipv4At, ipv6At } from './addresses.js';
import { hexAt, readableEnd, u16 } from './bytes.js';
import type { VrrpAdvert } from './frame-types.js';
import { type DecodeResult, decoded, failure, truncated } from './result.js';

const OFF = {
  VERSION_TYPE: 0, VRID: 1, PRIORITY: 2, COUNT: 3,
  V2_AUTH_TYPE: 4, V2_INTERVAL: 5, V3_INTERVAL: 4, CHECKSUM: 6, ADDRESSES: 8,
} as const;
export const VRRP_HEADER_LENGTH = 8;
const V2_AUTH_DATA_LENGTH = 8;
const V3_INTERVAL_MASK = 0x0fff;
const CENTISECONDS_PER_SECOND = 100;

/** `end` is the declared end of the IP packet; `ipVersion` picks the v3 address size. */
export function decodeVrrp(b: Uint8Array, off: number, end: number, ipVersion: 4 | 6): DecodeResult<VrrpAdvert> {
  const avail = readableEnd(b, end);
  if (off + VRRP_HEADER_LENGTH > avail) return truncated('vrrp.truncated', off, off + VRRP_HEADER_LENGTH, end);
  const versionType = b[off + OFF.VERSION_TYPE]!;
  const version = versionType >>> 4;
  if (version !== 2 && version !== 3) return failure('vrrp.unsupported-version', 'unsupported', off);
  const count = b[off + OFF.COUNT]!;
  const isV2 = version === 2;
  // v2 is IPv4-only; v3 addresses follow the IP version.
  const addressLength = !isV2 && ipVersion === 6 ? 16 : 4;
  const authEnd = off + OFF.ADDRESSES + count * addressLength;
  const next = isV2 ? authEnd + V2_AUTH_DATA_LENGTH : authEnd;
  if (next > avail) return truncated('vrrp.truncated', off, next, end);

  const addresses: IpAddress[] = [];
  for (let i = 0, p = off + OFF.ADDRESSES; i < count; i++, p += addressLength) {
    addresses.push(addressLength === 16 ? ipv6At(b, p) : ipv4At(b, p));
  }
  const advert: VrrpAdvert = {
    kind: 'vrrp',
    offset: off,
    version,
    type: versionType & 0x0f,
    vrid: b[off + OFF.VRID]!,
    priority: b[off + OFF.PRIORITY]!,
    addressCount: count,
    authType: isV2 ? b[off + OFF.V2_AUTH_TYPE]! : undefined,
    intervalCs: isV2
      ? b[off + OFF.V2_INTERVAL]! * CENTISECONDS_PER_SECOND
      : u16(b, off + OFF.V3_INTERVAL) & V3_INTERVAL_MASK,
    checksum: u16(b, off + OFF.CHECKSUM),
    addresses,
    authDataHex: isV2 ? hexAt(b, authEnd, V2_AUTH_DATA_LENGTH) : undefined,
  };
  return decoded(advert, next);
}
