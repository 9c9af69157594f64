import { describe, expect, it } from 'vitest';
import { parseIpv4 } from '../../src/decode/addresses.js';
import { ICMP_HEADER_LENGTH, decodeIcmp } from '../../src/decode/icmp.js';
import { concat, echoRest, fragNeededRest, hex, icmp, internetChecksum, ipv4, udp } from '../support/packet-bytes.js';
import { expectDecoded, expectPrefixesFail, shifted } from './result-assertions.js';
import { HOST, SYN, clientSynPacket } from './sample-frames.js';

// "Fragmentation needed, MTU 1400" quoting the client's SYN: IP header + the first 8 TCP bytes.
const quote = clientSynPacket().subarray(0, 28);
const fragNeeded = icmp({ type: 3, code: 4, rest: fragNeededRest(1400), payload: quote });

const QUOTED_SYN = {
  version: 4, src: parseIpv4(HOST.CLIENT_IP), dst: parseIpv4(HOST.VIP), protocol: 6, ttl: 63, id: 0x1c46,
  sport: SYN.sport, dport: SYN.dport, seq: SYN.seq,
};

describe('decodeIcmp', () => {
  it('reads every field of a fragmentation-needed error quoting a SYN', () => {
    const r = expectDecoded(decodeIcmp(fragNeeded, 0, fragNeeded.length));
    expect(r.value).toStrictEqual({
      kind: 'icmp', offset: 0, type: 3, code: 4, checksum: fragNeeded[2]! * 256 + fragNeeded[3]!,
      echoId: undefined, echoSeq: undefined, mtu: 1400, embedded: QUOTED_SYN,
    });
    expect(internetChecksum(fragNeeded)).toBe(0);
    expect(r.next).toBe(ICMP_HEADER_LENGTH);
    expect(r.issue).toBeUndefined();
  });

  it('reads an echo request and reply, at an offset', () => {
    for (const type of [8, 0]) {
      const b = icmp({ type, rest: echoRest(0xbeef, 513), payload: new Uint8Array(56) });
      const r = expectDecoded(decodeIcmp(shifted(b, 34), 34, 34 + b.length));
      expect(r.value).toMatchObject({ offset: 34, type, code: 0, echoId: 0xbeef, echoSeq: 513, mtu: undefined, embedded: undefined });
    }
  });

  it('quotes the offending datagram of each error type (3, 4, 5, 11, 12)', () => {
    for (const type of [3, 4, 5, 11, 12]) {
      const b = icmp({ type, code: type === 3 ? 3 : 0, payload: quote });
      const r = expectDecoded(decodeIcmp(b, 0, b.length));
      expect(r.value.embedded).toStrictEqual(QUOTED_SYN);
      expect(r.value.mtu).toBeUndefined();
    }
  });

  it('gives what a short quote holds: ports without the sequence, or the IP header alone', () => {
    const shortQuote = (n: number) => icmp({ type: 11, payload: quote.subarray(0, n) });
    const portsOnly = shortQuote(24);
    expect(expectDecoded(decodeIcmp(portsOnly, 0, portsOnly.length)).value.embedded).toStrictEqual({ ...QUOTED_SYN, seq: undefined });
    const headerOnly = shortQuote(23);
    expect(expectDecoded(decodeIcmp(headerOnly, 0, headerOnly.length)).value.embedded)
      .toStrictEqual({ ...QUOTED_SYN, sport: undefined, dport: undefined, seq: undefined });
    for (let n = 0; n < 20; n++) {
      const b = shortQuote(n);
      expect(expectDecoded(decodeIcmp(b, 0, b.length)).value.embedded).toBeUndefined();
    }
  });

  it('reads only what was captured of the quote', () => {
    const r = expectDecoded(decodeIcmp(fragNeeded.slice(0, 8 + 24), 0, fragNeeded.length));
    expect(r.value.embedded).toMatchObject({ sport: SYN.sport, seq: undefined });
    expect(r.issue).toBeUndefined();
  });

  it('quotes UDP ports, skips ports of a quoted non-first fragment, honours quoted IP options', () => {
    const dns = ipv4({ src: '10.0.0.1', dst: '10.0.0.53', protocol: 17, payload: udp({ sport: 5353, dport: 53, payload: new Uint8Array(4) }) });
    const unreachable = icmp({ type: 3, code: 3, payload: dns });
    expect(expectDecoded(decodeIcmp(unreachable, 0, unreachable.length)).value.embedded).toMatchObject({ protocol: 17, sport: 5353, dport: 53, seq: undefined });
    const fragment = ipv4({ protocol: 6, fragmentOffset: 8, payload: new Uint8Array(8).fill(9) });
    const b = icmp({ type: 11, code: 1, payload: fragment });
    expect(expectDecoded(decodeIcmp(b, 0, b.length)).value.embedded).toMatchObject({ protocol: 6, sport: undefined, seq: undefined });
    const withOptions = ipv4({ protocol: 6, options: hex('01010101'), payload: hex('0050 1f90 00000001') });
    const c = icmp({ type: 12, payload: withOptions });
    expect(expectDecoded(decodeIcmp(c, 0, c.length)).value.embedded).toMatchObject({ sport: 80, dport: 8080, seq: 1 });
  });

  it('has no quote when it is not IPv4 or its header length is bad', () => {
    const notV4 = concat(hex('65'), quote.subarray(1));
    const badIhl = concat(hex('44'), quote.subarray(1));
    for (const q of [notV4, badIhl]) {
      const b = icmp({ type: 3, code: 1, payload: q });
      expect(expectDecoded(decodeIcmp(b, 0, b.length)).value.embedded).toBeUndefined();
    }
  });

  it('keeps unknown types with nothing beyond type, code and checksum', () => {
    const b = icmp({ type: 42, code: 9, rest: hex('01020304') });
    expect(expectDecoded(decodeIcmp(b, 0, b.length)).value).toMatchObject({
      type: 42, code: 9, echoId: undefined, mtu: undefined, embedded: undefined,
    });
    // Unreachable codes other than 4 carry no MTU.
    const hostUnreachable = icmp({ type: 3, code: 1, rest: fragNeededRest(1400), payload: quote });
    expect(expectDecoded(decodeIcmp(hostUnreachable, 0, hostUnreachable.length)).value.mtu).toBeUndefined();
  });

  it('fails on every prefix shorter than 8 bytes', () => {
    expectPrefixesFail(decodeIcmp, fragNeeded, ICMP_HEADER_LENGTH, 'icmp.truncated');
  });
});
