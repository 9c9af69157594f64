import { describe, expect, it } from 'vitest';
import { parseIpv4 } from '../../src/decode/addresses.js';
import { IPV4_MIN_HEADER_LENGTH, decodeIpv4, ipv4PacketEnd } from '../../src/decode/ipv4.js';
import { hex, internetChecksum, ipv4 } from '../support/packet-bytes.js';
import { expectDecoded, expectIssue, expectPrefixesFail, shifted } from './result-assertions.js';
import { HOST, clientSynPacket } from './sample-frames.js';

const syn = clientSynPacket();

describe('decodeIpv4', () => {
  it('reads every field of the client SYN as the director receives it', () => {
    const r = expectDecoded(decodeIpv4(syn, 0, syn.length));
    expect(r.value).toStrictEqual({
      version: 4, offset: 0, headerLength: 20, tos: 0, totalLength: 60, id: 0x1c46,
      dontFragment: true, moreFragments: false, fragmentOffset: 0, ttl: 63, protocol: 6,
      checksum: 0x32d7, src: parseIpv4(HOST.CLIENT_IP), dst: parseIpv4(HOST.VIP), optionsLength: 0,
    });
    expect(r.next).toBe(IPV4_MIN_HEADER_LENGTH);
    expect(r.issue).toBeUndefined();
    expect(internetChecksum(syn.subarray(0, 20))).toBe(0);
  });

  it('reads at an offset and records it', () => {
    const r = expectDecoded(decodeIpv4(shifted(syn, 18), 18, 18 + syn.length));
    expect(r.value.offset).toBe(18);
    expect(r.value.src).toBe(parseIpv4(HOST.CLIENT_IP));
    expect(r.next).toBe(18 + IPV4_MIN_HEADER_LENGTH);
    expect(ipv4PacketEnd(r.value, 18 + syn.length)).toBe(18 + 60);
  });

  it('reads addresses above 128.0.0.0 as unsigned numbers', () => {
    const b = ipv4({ src: '255.254.253.252', dst: '224.0.0.18', protocol: 112 });
    const r = expectDecoded(decodeIpv4(b, 0, b.length));
    expect(r.value.src).toBe(0xfffefdfc);
    expect(r.value.dst).toBe(0xe0000012);
  });

  it('skips options and reports their length', () => {
    // Router alert (RFC 2113) then four NOPs.
    const b = ipv4({ protocol: 2, ttl: 1, options: hex('94040000 01010101'), payload: new Uint8Array(8) });
    const r = expectDecoded(decodeIpv4(b, 0, b.length));
    expect(r.value).toMatchObject({ headerLength: 28, optionsLength: 8, totalLength: 36, protocol: 2, ttl: 1 });
    expect(r.next).toBe(28);
    expectPrefixesFail(decodeIpv4, b, 28, 'ipv4.truncated');
  });

  it('reads fragment flags and the offset in bytes', () => {
    const first = ipv4({ protocol: 17, id: 7, moreFragments: true, payload: new Uint8Array(1480) });
    expect(expectDecoded(decodeIpv4(first, 0, first.length)).value).toMatchObject({
      id: 7, dontFragment: false, moreFragments: true, fragmentOffset: 0,
    });
    const last = ipv4({ protocol: 17, id: 7, fragmentOffset: 1480, payload: new Uint8Array(100) });
    expect(expectDecoded(decodeIpv4(last, 0, last.length)).value).toMatchObject({
      moreFragments: false, fragmentOffset: 1480,
    });
    const max = ipv4({ protocol: 17, fragmentOffset: 0x1fff * 8, moreFragments: true });
    expect(expectDecoded(decodeIpv4(max, 0, max.length)).value.fragmentOffset).toBe(65528);
  });

  it('ends the packet at the total length, not at Ethernet padding', () => {
    const padded = new Uint8Array(46);
    const b = ipv4({ protocol: 1, payload: new Uint8Array(8) });
    padded.set(b);
    const r = expectDecoded(decodeIpv4(padded, 0, padded.length));
    expect(ipv4PacketEnd(r.value, padded.length)).toBe(28);
  });

  it('treats total length 0 in a longer frame as a GRO / BIG TCP packet', () => {
    const b = ipv4({ protocol: 6, totalLength: 0, payload: new Uint8Array(100) });
    const r = expectDecoded(decodeIpv4(b, 0, 70_000));
    expect(r.value.totalLength).toBe(0);
    expect(ipv4PacketEnd(r.value, 70_000)).toBe(70_000);
  });

  it('says total length 0 is malformed when nothing follows the header', () => {
    const b = ipv4({ protocol: 6, totalLength: 0 });
    expect(expectIssue(decodeIpv4(b, 0, b.length))).toStrictEqual({
      code: 'ipv4.bad-total-length', layer: 'ipv4', cause: 'malformed', offset: 0,
    });
  });

  it('says a header length under 20 bytes is malformed', () => {
    for (const ihl of [0, 1, 4]) {
      const b = ipv4({ protocol: 6, ihl, payload: new Uint8Array(20) });
      expect(expectIssue(decodeIpv4(b, 0, b.length))).toStrictEqual({
        code: 'ipv4.bad-header-length', layer: 'ipv4', cause: 'malformed', offset: 0,
      });
    }
  });

  it('says a total length shorter than the header is malformed', () => {
    const b = ipv4({ protocol: 6, totalLength: 19, payload: new Uint8Array(20) });
    expect(expectIssue(decodeIpv4(b, 0, b.length)).code).toBe('ipv4.bad-total-length');
    const withOptions = ipv4({ protocol: 6, options: new Uint8Array(8), totalLength: 24, payload: new Uint8Array(20) });
    expect(expectIssue(decodeIpv4(withOptions, 0, withOptions.length)).code).toBe('ipv4.bad-total-length');
  });

  it('says another version is malformed', () => {
    const b = ipv4({ protocol: 6, version: 6 });
    expect(expectIssue(decodeIpv4(b, 0, b.length))).toMatchObject({ code: 'ipv4.bad-version', cause: 'malformed' });
  });

  it('keeps an unknown protocol as it is', () => {
    const b = ipv4({ protocol: 253 });
    expect(expectDecoded(decodeIpv4(b, 0, b.length)).value.protocol).toBe(253);
  });

  it('fails on every prefix shorter than the header', () => {
    expectPrefixesFail(decodeIpv4, syn, IPV4_MIN_HEADER_LENGTH, 'ipv4.truncated');
  });

  it('options cut by the capture are a snaplen issue, options past the frame are malformed', () => {
    const b = ipv4({ protocol: 6, options: new Uint8Array(40), payload: new Uint8Array(4) });
    expect(expectIssue(decodeIpv4(b.slice(0, 30), 0, b.length))).toMatchObject({ code: 'ipv4.truncated', cause: 'snaplen' });
    expect(expectIssue(decodeIpv4(b.slice(0, 30), 0, 30))).toMatchObject({ code: 'ipv4.truncated', cause: 'malformed' });
  });
});
