import { describe, expect, it } from 'vitest';
import { IPV6_HEADER_LENGTH, MAX_EXTENSION_HEADERS, decodeIpv6, ipv6PacketEnd } from '../../src/decode/ipv6.js';
import { type Ipv6Extension, ipv6, tcp, udp } from '../support/packet-bytes.js';
import { expectDecoded, expectIssue, expectPrefixesFail, shifted } from './result-assertions.js';

const segment = tcp({ sport: 40000, dport: 443, flags: 0x02 });
const plain = ipv6({
  src: '2001:db8:0:1::7', dst: '2001:db8:100::100', nextHeader: 6, hopLimit: 63,
  trafficClass: 0xb8, flowLabel: 0xabcde, payload: segment,
});

describe('decodeIpv6', () => {
  it('reads every field of a header without extensions', () => {
    const r = expectDecoded(decodeIpv6(plain, 0, plain.length));
    expect(r.value).toStrictEqual({
      version: 6, offset: 0, trafficClass: 0xb8, flowLabel: 0xabcde, payloadLength: 20, ttl: 63,
      src: '2001:db8:0:1::7', dst: '2001:db8:100::100', protocol: 6, extensionHeaders: [],
      headerLength: IPV6_HEADER_LENGTH, fragment: undefined,
    });
    expect(r.next).toBe(IPV6_HEADER_LENGTH);
    expect(r.issue).toBeUndefined();
    expect(ipv6PacketEnd(r.value, plain.length)).toBe(60);
  });

  it('reads at an offset and records it', () => {
    const r = expectDecoded(decodeIpv6(shifted(plain, 14), 14, 14 + plain.length));
    expect(r.value.offset).toBe(14);
    expect(r.next).toBe(14 + IPV6_HEADER_LENGTH);
    expect(ipv6PacketEnd(r.value, 100)).toBe(74);
  });

  it('walks hop-by-hop, routing, destination options and a first fragment to the transport', () => {
    const b = ipv6({
      nextHeader: 6, payload: segment,
      extensions: [{ type: 0 }, { type: 43, body: new Uint8Array(14) }, { type: 60 }, { type: 44, id: 0xdeadbeef, moreFragments: true }],
      transportChecksum: false,
    });
    const r = expectDecoded(decodeIpv6(b, 0, b.length));
    expect(r.value).toMatchObject({
      protocol: 6, extensionHeaders: [0, 43, 60, 44], headerLength: 40 + 8 + 16 + 8 + 8,
      fragment: { id: 0xdeadbeef, offset: 0, moreFragments: true },
    });
    expect(r.next).toBe(80);
    expect(r.issue).toBeUndefined();
  });

  it('sizes AH in 4-byte units plus 2 and walks past it', () => {
    const b = ipv6({ nextHeader: 17, payload: udp({ sport: 1, dport: 2 }), extensions: [{ type: 51, body: new Uint8Array(22) }] });
    const r = expectDecoded(decodeIpv6(b, 0, b.length));
    expect(r.value).toMatchObject({ protocol: 17, extensionHeaders: [51], headerLength: 40 + 24 });
  });

  it('walks the rarer extension headers (mobility, HIP, shim6)', () => {
    const b = ipv6({ nextHeader: 59, extensions: [{ type: 135 }, { type: 139 }, { type: 140 }] });
    const r = expectDecoded(decodeIpv6(b, 0, b.length));
    expect(r.value).toMatchObject({ protocol: 59, extensionHeaders: [135, 139, 140], headerLength: 64 });
  });

  it('stops at a non-first fragment: what follows is payload, not a header', () => {
    const b = ipv6({ nextHeader: 6, payload: new Uint8Array(16).fill(0x3c), extensions: [{ type: 44, offset: 1448, id: 9 }] });
    const r = expectDecoded(decodeIpv6(b, 0, b.length));
    expect(r.value).toMatchObject({
      protocol: 6, extensionHeaders: [44], headerLength: 48, fragment: { id: 9, offset: 1448, moreFragments: false },
    });
    expect(r.issue).toBeUndefined();
  });

  it('stops at ESP and at "no next header"', () => {
    const esp = ipv6({ nextHeader: 50, payload: new Uint8Array(16), extensions: [{ type: 60 }] });
    expect(expectDecoded(decodeIpv6(esp, 0, esp.length)).value).toMatchObject({ protocol: 50, extensionHeaders: [60] });
    const none = ipv6({ nextHeader: 59 });
    expect(expectDecoded(decodeIpv6(none, 0, none.length)).value).toMatchObject({ protocol: 59, headerLength: 40 });
  });

  it(`gives up after ${MAX_EXTENSION_HEADERS} extension headers, keeping the header`, () => {
    const many: Ipv6Extension[] = Array.from({ length: MAX_EXTENSION_HEADERS + 1 }, () => ({ type: 60 }));
    const b = ipv6({ nextHeader: 6, payload: segment, extensions: many });
    const r = expectDecoded(decodeIpv6(b, 0, b.length));
    expect(r.issue).toStrictEqual({ code: 'ipv6.too-many-extension-headers', layer: 'ipv6', cause: 'unsupported', offset: 0 });
    expect(r.value.protocol).toBe(60);
    expect(r.value.extensionHeaders).toHaveLength(MAX_EXTENSION_HEADERS);
    const exactly = ipv6({ nextHeader: 6, payload: segment, extensions: many.slice(1) });
    expect(expectDecoded(decodeIpv6(exactly, 0, exactly.length)).issue).toBeUndefined();
  });

  it('reports an extension header cut by the capture, or running past the packet', () => {
    const b = ipv6({ nextHeader: 6, payload: segment, extensions: [{ type: 0, body: new Uint8Array(14) }] });
    for (let n = 40; n < 40 + 16; n++) {
      const cut = expectDecoded(decodeIpv6(b.slice(0, n), 0, b.length));
      expect(cut.issue).toStrictEqual({ code: 'ipv6.extension-truncated', layer: 'ipv6', cause: 'snaplen', offset: 0 });
      expect(cut.value).toMatchObject({ protocol: 0, extensionHeaders: [], headerLength: 40 });
      expect(expectDecoded(decodeIpv6(b.slice(0, n), 0, n)).issue?.cause).toBe('malformed');
    }
    // Payload length says 8, the hop-by-hop header says 16: malformed even though the bytes are there.
    const lying = ipv6({ nextHeader: 6, payload: segment, extensions: [{ type: 0, body: new Uint8Array(14) }], payloadLength: 8 });
    expect(expectDecoded(decodeIpv6(lying, 0, lying.length)).issue?.cause).toBe('malformed');
  });

  it('treats payload length 0 as a jumbogram / BIG TCP packet running to the frame end', () => {
    const b = ipv6({ nextHeader: 6, payload: segment, payloadLength: 0 });
    const r = expectDecoded(decodeIpv6(b, 0, 100_000));
    expect(r.value.payloadLength).toBe(0);
    expect(ipv6PacketEnd(r.value, 100_000)).toBe(100_000);
    const empty = ipv6({ nextHeader: 59 });
    expect(ipv6PacketEnd(expectDecoded(decodeIpv6(empty, 0, 60)).value, 60)).toBe(40);
  });

  it('says another version is malformed', () => {
    const b = ipv6({ nextHeader: 6, version: 4 });
    expect(expectIssue(decodeIpv6(b, 0, b.length))).toStrictEqual({ code: 'ipv6.bad-version', layer: 'ipv6', cause: 'malformed', offset: 0 });
  });

  it('formats addresses canonically (RFC 5952)', () => {
    const b = ipv6({ src: '2001:0db8:0000:0000:0001:0000:0000:0001', dst: '::ffff:c000:0264', nextHeader: 59 });
    const r = expectDecoded(decodeIpv6(b, 0, b.length));
    expect([r.value.src, r.value.dst]).toEqual(['2001:db8::1:0:0:1', '::ffff:c000:264']);
  });

  it('fails on every prefix shorter than the fixed header', () => {
    expectPrefixesFail(decodeIpv6, plain, IPV6_HEADER_LENGTH, 'ipv6.truncated');
  });
});
