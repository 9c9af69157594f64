import { describe, expect, it } from 'vitest';
import { UDP_HEADER_LENGTH, decodeUdp } from '../../src/decode/udp.js';
import { udp } from '../support/packet-bytes.js';
import { expectDecoded, expectPrefixesFail, shifted } from './result-assertions.js';

// keepalived's connection sync (IPVS sync daemon) to 224.0.0.81:8848.
const sync = udp({ sport: 8848, dport: 8848, payload: new Uint8Array(24) });

describe('decodeUdp', () => {
  it('reads every field', () => {
    const b = Uint8Array.from(sync);
    b[6] = 0xab;
    b[7] = 0xcd;
    const r = expectDecoded(decodeUdp(b, 0, b.length));
    expect(r.value).toStrictEqual({
      kind: 'udp', offset: 0, sport: 8848, dport: 8848, length: 32, checksum: 0xabcd, payloadOffset: 8, payloadLength: 24,
    });
    expect(r.next).toBe(UDP_HEADER_LENGTH);
    expect(r.issue).toBeUndefined();
  });

  it('reads at an offset', () => {
    const r = expectDecoded(decodeUdp(shifted(sync, 42), 42, 42 + sync.length));
    expect(r.value).toMatchObject({ offset: 42, payloadOffset: 50, payloadLength: 24 });
  });

  it('uses its own length when the IP packet carries trailing bytes', () => {
    const r = expectDecoded(decodeUdp(sync, 0, sync.length + 6));
    expect(r.value.payloadLength).toBe(24);
    expect(r.issue).toBeUndefined();
  });

  it('records a length that disagrees with the IP packet and uses the IP length', () => {
    for (const length of [0, 7, 33, 0xffff]) {
      const b = udp({ sport: 1, dport: 2, payload: new Uint8Array(24), length });
      const r = expectDecoded(decodeUdp(b, 0, b.length));
      expect(r.issue).toStrictEqual({ code: 'udp.bad-length', layer: 'udp', cause: 'malformed', offset: 0 });
      expect(r.value).toMatchObject({ length, payloadLength: 24 });
    }
  });

  it('accepts length 0 in an IPv6 jumbogram', () => {
    const r = expectDecoded(decodeUdp(udp({ sport: 1, dport: 2, length: 0 }), 0, 70_000));
    expect(r.issue).toBeUndefined();
    expect(r.value.payloadLength).toBe(70_000 - 8);
  });

  it('fails on every prefix shorter than the header', () => {
    expectPrefixesFail(decodeUdp, sync, UDP_HEADER_LENGTH, 'udp.truncated');
  });
});
