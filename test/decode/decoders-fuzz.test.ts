// Each layer decoder on random bytes, at random offsets, with random declared ends: it never
// throws, never claims a header past what it could read, and always moves forward.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeArp } from '../../src/decode/arp.js';
import { decodeBare } from '../../src/decode/bare.js';
import { decodeEthernet } from '../../src/decode/ethernet.js';
import { decodeIcmp } from '../../src/decode/icmp.js';
import { decodeIcmpv6 } from '../../src/decode/icmpv6.js';
import { decodeIpv4 } from '../../src/decode/ipv4.js';
import { decodeIpv6 } from '../../src/decode/ipv6.js';
import { DECODE_ISSUE_CODES, type DecodeResult } from '../../src/decode/result.js';
import { decodeSll } from '../../src/decode/sll.js';
import { decodeSll2 } from '../../src/decode/sll2.js';
import { decodeTcp } from '../../src/decode/tcp.js';
import { decodeUdp } from '../../src/decode/udp.js';
import { decodeVlanTags } from '../../src/decode/vlan.js';
import { decodeVrrp } from '../../src/decode/vrrp.js';

type AnyDecoder = (b: Uint8Array, off: number, end: number) => DecodeResult<unknown>;

const DECODERS: readonly (readonly [string, AnyDecoder])[] = [
  ['ethernet', decodeEthernet],
  ['vlan', (b, off, end) => decodeVlanTags(b, off, end, 0x8100)],
  ['sll', decodeSll],
  ['sll2', decodeSll2],
  ['null', (b, off, end) => decodeBare(b, off, end, 0)],
  ['raw', (b, off, end) => decodeBare(b, off, end, 101)],
  ['arp', decodeArp],
  ['ipv4', decodeIpv4],
  ['ipv6', decodeIpv6],
  ['tcp', decodeTcp],
  ['udp', decodeUdp],
  ['icmp', decodeIcmp],
  ['icmpv6', decodeIcmpv6],
  ['vrrp over IPv4', (b, off, end) => decodeVrrp(b, off, end, 4)],
  ['vrrp over IPv6', (b, off, end) => decodeVrrp(b, off, end, 6)],
];

const KNOWN_CODES = new Set<string>(DECODE_ISSUE_CODES);

describe('layer decoders never throw', () => {
  it.each(DECODERS)('%s', (_name, decode) => {
    const input = fc.record({ bytes: fc.uint8Array({ maxLength: 120 }), off: fc.nat({ max: 130 }), extra: fc.integer({ min: -20, max: 200 }) });
    fc.assert(
      fc.property(input, ({ bytes, off, extra }) => {
        const end = bytes.length + extra;
        const result = decode(bytes, off, end);
        if (!result.ok) return KNOWN_CODES.has(result.issue.code);
        const readable = Math.min(end, bytes.length);
        // The bare link types read no header at all for IPV4 / IPV6, so `next` may equal `off`.
        return result.next >= off && result.next <= Math.max(readable, off) &&
          (result.issue === undefined || KNOWN_CODES.has(result.issue.code));
      }),
      { seed: 7_357, numRuns: 5_000 },
    );
  });

  it('issue codes are unique and start with their layer', () => {
    expect(new Set(DECODE_ISSUE_CODES).size).toBe(DECODE_ISSUE_CODES.length);
    for (const code of DECODE_ISSUE_CODES) expect(code).toMatch(/^(link|ethernet|vlan|sll|sll2|null|arp|ipv4|ipv6|tcp|udp|icmp|icmpv6|vrrp)\.[a-z0-9-]+$/);
  });
});
