import { describe, expect, it } from 'vitest';
import { NULL_HEADER_LENGTH, decodeBare, isBareLinkType } from '../../src/decode/bare.js';
import { LINKTYPE } from '../../src/decode/constants.js';
import type { BareLink } from '../../src/decode/frame-types.js';
import type { DecodeResult } from '../../src/decode/result.js';
import { ipv4, ipv6, nullLink } from '../support/packet-bytes.js';
import { expectDecoded, expectIssue, expectPrefixesFail } from './result-assertions.js';

const v4 = ipv4({ protocol: 6 });
const v6 = ipv6({ nextHeader: 59 });

function decodeWith(linkType: number) {
  return (b: Uint8Array, off: number, end: number): DecodeResult<BareLink> => decodeBare(b, off, end, linkType);
}

describe('decodeBare', () => {
  it.each([LINKTYPE.RAW, LINKTYPE.RAW_BSD, LINKTYPE.RAW_OPENBSD])('RAW (%i) picks the IP version from the first nibble', (linkType) => {
    const r4 = expectDecoded(decodeBare(v4, 0, v4.length, linkType));
    expect(r4.value).toStrictEqual({ kind: 'none', etherType: 0x0800 });
    expect(r4.next).toBe(0);
    const r6 = expectDecoded(decodeBare(v6, 0, v6.length, linkType));
    expect(r6.value).toStrictEqual({ kind: 'none', etherType: 0x86dd });
  });

  it('RAW with another version nibble is malformed', () => {
    const b = Uint8Array.of(0x55, 0, 0, 0);
    expect(expectIssue(decodeBare(b, 0, b.length, LINKTYPE.RAW))).toStrictEqual({
      code: 'link.bad-ip-version', layer: 'link', cause: 'malformed', offset: 0,
    });
  });

  it('RAW needs at least the version byte', () => {
    expectPrefixesFail(decodeWith(LINKTYPE.RAW), v4, 1, 'link.truncated');
  });

  it('IPV4 (228) and IPV6 (229) say the version without reading a byte', () => {
    const empty = new Uint8Array(0);
    expect(expectDecoded(decodeBare(empty, 0, 0, LINKTYPE.IPV4)).value.etherType).toBe(0x0800);
    expect(expectDecoded(decodeBare(empty, 0, 0, LINKTYPE.IPV6)).value.etherType).toBe(0x86dd);
  });

  it.each(['le', 'be'] as const)('NULL guesses the %s byte order of the capturing host', (byteOrder) => {
    const b4 = nullLink({ family: 2, byteOrder, payload: v4 });
    const r4 = expectDecoded(decodeBare(b4, 0, b4.length, LINKTYPE.NULL));
    expect(r4.value).toStrictEqual({ kind: 'none', etherType: 0x0800 });
    expect(r4.next).toBe(NULL_HEADER_LENGTH);
    for (const family of [24, 28, 30]) {
      const b6 = nullLink({ family, byteOrder, payload: v6 });
      expect(expectDecoded(decodeBare(b6, 0, b6.length, LINKTYPE.NULL)).value.etherType).toBe(0x86dd);
    }
  });

  it('LOOP (108) is always big-endian', () => {
    const be = nullLink({ family: 2, byteOrder: 'be', payload: v4 });
    expect(expectDecoded(decodeBare(be, 0, be.length, LINKTYPE.LOOP)).value.etherType).toBe(0x0800);
    const le = nullLink({ family: 2, byteOrder: 'le', payload: v4 });
    expect(expectIssue(decodeBare(le, 0, le.length, LINKTYPE.LOOP)).code).toBe('null.unsupported-family');
  });

  it('an unknown address family is unsupported', () => {
    for (const family of [0, 7, 0x11]) {
      const b = nullLink({ family, byteOrder: 'le' });
      expect(expectIssue(decodeBare(b, 0, b.length, LINKTYPE.NULL))).toStrictEqual({
        code: 'null.unsupported-family', layer: 'null', cause: 'unsupported', offset: 0,
      });
    }
  });

  it('NULL fails on every prefix shorter than the family', () => {
    expectPrefixesFail(decodeWith(LINKTYPE.NULL), nullLink({ family: 2, byteOrder: 'le', payload: v4 }), NULL_HEADER_LENGTH, 'null.truncated');
    expectPrefixesFail(decodeWith(LINKTYPE.LOOP), nullLink({ family: 2, byteOrder: 'be', payload: v4 }), NULL_HEADER_LENGTH, 'null.truncated');
  });

  it('knows which link types it handles', () => {
    expect([0, 12, 14, 101, 108, 228, 229].every(isBareLinkType)).toBe(true);
    expect([1, 113, 127, 276, 105].some(isBareLinkType)).toBe(false);
  });
});
