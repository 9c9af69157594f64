import { describe, expect, it } from 'vitest';
import { parseMac } from '../../src/decode/addresses.js';
import { MAX_ND_OPTIONS, decodeIcmpv6 } from '../../src/decode/icmpv6.js';
import { concat, hex, icmpv6, ipv6, ndBody, ndLinkOption, tcp, u32be, udp } from '../support/packet-bytes.js';
import { expectDecoded, expectIssue, expectPrefixesFail, shifted } from './result-assertions.js';
import { HOST } from './sample-frames.js';

const DIRECTOR_MAC = parseMac(HOST.DIRECTOR_MAC);
// keepalived's unsolicited NA for the IPv6 VIP: override flag, target link-layer address option.
const na = icmpv6({ type: 136, body: ndBody({ flags: 0x20, target: HOST.VIP6, options: [ndLinkOption(2, HOST.DIRECTOR_MAC)] }) });
// A client's NS for the VIP with its source link-layer address.
const ns = icmpv6({ type: 135, body: ndBody({ target: HOST.VIP6, options: [ndLinkOption(1, '52:54:00:00:00:c1')] }) });

const quoted = ipv6({ src: '2001:db8::7', dst: HOST.VIP6, nextHeader: 6, hopLimit: 60, payload: tcp({ sport: 40000, dport: 443, seq: 0x80000000, flags: 2 }) });

describe('decodeIcmpv6', () => {
  it('reads every field of an unsolicited NA', () => {
    const r = expectDecoded(decodeIcmpv6(na, 0, na.length));
    expect(r.value).toStrictEqual({
      kind: 'icmpv6', offset: 0, type: 136, code: 0, checksum: 0,
      echoId: undefined, echoSeq: undefined, mtu: undefined, embedded: undefined,
      ndTarget: HOST.VIP6, ndFlags: 0x20, ndLinkAddresses: [{ type: 2, mac: DIRECTOR_MAC }],
    });
    expect(r.next).toBe(24);
    expect(r.issue).toBeUndefined();
  });

  it('reads an NS: target and source link-layer address, no flags', () => {
    const r = expectDecoded(decodeIcmpv6(shifted(ns, 54), 54, 54 + ns.length));
    expect(r.value).toMatchObject({
      offset: 54, type: 135, ndTarget: HOST.VIP6, ndFlags: undefined,
      ndLinkAddresses: [{ type: 1, mac: parseMac('52:54:00:00:00:c1') }],
    });
  });

  it('reads NA flags as the wire byte and skips unknown options', () => {
    // Nonce option (14, one unit), then the target link-layer address.
    const b = icmpv6({ type: 136, body: ndBody({ flags: 0xe0, target: '::1', options: [hex('0e01 010203040506'), ndLinkOption(2, '02:00:00:00:00:09')] }) });
    const r = expectDecoded(decodeIcmpv6(b, 0, b.length));
    expect(r.value).toMatchObject({ ndFlags: 0xe0, ndTarget: '::1', ndLinkAddresses: [{ type: 2, mac: parseMac('02:00:00:00:00:09') }] });
  });

  it('has no link addresses when there are no options', () => {
    const b = icmpv6({ type: 135, body: ndBody({ target: HOST.VIP6 }) });
    expect(expectDecoded(decodeIcmpv6(b, 0, b.length)).value.ndLinkAddresses).toBeUndefined();
  });

  it('stops at an option of length 0, keeping what came before', () => {
    const b = icmpv6({ type: 136, body: ndBody({ target: HOST.VIP6, options: [ndLinkOption(2, HOST.DIRECTOR_MAC), hex('0100 000000000000'), ndLinkOption(1, '02:00:00:00:00:01')] }) });
    const r = expectDecoded(decodeIcmpv6(b, 0, b.length));
    expect(r.issue).toStrictEqual({ code: 'icmpv6.bad-option', layer: 'icmpv6', cause: 'malformed', offset: 0 });
    expect(r.value.ndLinkAddresses).toStrictEqual([{ type: 2, mac: DIRECTOR_MAC }]);
  });

  it('tells an option cut by the capture from one running past the packet', () => {
    for (let n = 24; n < na.length; n++) {
      const cut = expectDecoded(decodeIcmpv6(na.slice(0, n), 0, na.length));
      expect(cut.issue).toStrictEqual({ code: 'icmpv6.truncated', layer: 'icmpv6', cause: 'snaplen', offset: 0 });
      expect(cut.value.ndTarget).toBe(HOST.VIP6);
      const short = expectDecoded(decodeIcmpv6(na.slice(0, n), 0, n));
      // Ending right after the target is a valid NA without options.
      if (n === 24) expect(short.issue).toBeUndefined();
      else expect(short.issue).toMatchObject({ code: 'icmpv6.bad-option', cause: 'malformed' });
    }
  });

  it(`reads at most ${MAX_ND_OPTIONS} options`, () => {
    const options = Array.from({ length: MAX_ND_OPTIONS + 5 }, () => ndLinkOption(1, '02:00:00:00:00:01'));
    const b = icmpv6({ type: 135, body: ndBody({ target: '::1', options }) });
    expect(expectDecoded(decodeIcmpv6(b, 0, b.length)).value.ndLinkAddresses).toHaveLength(MAX_ND_OPTIONS);
  });

  it('reads Packet Too Big: MTU and the quoted packet with ports and sequence', () => {
    const b = icmpv6({ type: 2, body: concat(u32be(1280), quoted) });
    const r = expectDecoded(decodeIcmpv6(b, 0, b.length));
    expect(r.value).toMatchObject({
      type: 2, code: 0, mtu: 1280,
      embedded: { version: 6, src: '2001:db8::7', dst: HOST.VIP6, protocol: 6, ttl: 60, id: undefined, sport: 40000, dport: 443, seq: 0x80000000 },
    });
  });

  it('quotes the offending packet of each error type (1–4), as far as the quote goes', () => {
    for (const type of [1, 3, 4]) {
      const b = icmpv6({ type, code: 1, body: concat(u32be(0), quoted.subarray(0, 44)) });
      const r = expectDecoded(decodeIcmpv6(b, 0, b.length));
      expect(r.value.mtu).toBeUndefined();
      expect(r.value.embedded).toMatchObject({ protocol: 6, sport: 40000, dport: 443, seq: undefined });
    }
    const udpQuote = ipv6({ nextHeader: 17, payload: udp({ sport: 9, dport: 10 }) });
    const u = icmpv6({ type: 1, code: 4, body: concat(u32be(0), udpQuote) });
    expect(expectDecoded(decodeIcmpv6(u, 0, u.length)).value.embedded).toMatchObject({ protocol: 17, sport: 9, dport: 10, seq: undefined });
    const tooShort = icmpv6({ type: 1, body: concat(u32be(0), quoted.subarray(0, 39)) });
    expect(expectDecoded(decodeIcmpv6(tooShort, 0, tooShort.length)).value.embedded).toBeUndefined();
  });

  it('reads echo request and reply identifiers', () => {
    for (const type of [128, 129]) {
      const b = icmpv6({ type, body: concat(hex('1234 0007'), new Uint8Array(8)) });
      expect(expectDecoded(decodeIcmpv6(b, 0, b.length)).value).toMatchObject({ type, echoId: 0x1234, echoSeq: 7, embedded: undefined });
    }
  });

  it('keeps unknown types (and router messages) with nothing beyond type, code and checksum', () => {
    for (const type of [133, 134, 200]) {
      const b = icmpv6({ type, code: 3, body: new Uint8Array(12) });
      expect(expectDecoded(decodeIcmpv6(b, 0, b.length)).value).toMatchObject({
        type, code: 3, echoId: undefined, ndTarget: undefined, ndLinkAddresses: undefined, embedded: undefined,
      });
    }
    // A type without a body needs only the 4-byte header.
    expect(expectDecoded(decodeIcmpv6(hex('c8000000'), 0, 4)).value.type).toBe(200);
  });

  it('fails on every prefix shorter than the message needs (8 for errors and echo, 24 for NS / NA)', () => {
    expectPrefixesFail(decodeIcmpv6, na, 24, 'icmpv6.truncated');
    expectPrefixesFail(decodeIcmpv6, ns, 24, 'icmpv6.truncated');
    expectPrefixesFail(decodeIcmpv6, icmpv6({ type: 2, body: concat(u32be(1280), quoted) }), 8, 'icmpv6.truncated');
    expectPrefixesFail(decodeIcmpv6, icmpv6({ type: 128, body: new Uint8Array(12) }), 8, 'icmpv6.truncated');
  });

  it('says a cut NS is a snaplen issue with no record', () => {
    expect(expectIssue(decodeIcmpv6(ns.slice(0, 23), 0, ns.length))).toMatchObject({ code: 'icmpv6.truncated', cause: 'snaplen' });
  });
});
