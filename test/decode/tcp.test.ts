import { describe, expect, it } from 'vitest';
import { NO_TCP_OPTIONS, TCP_MIN_HEADER_LENGTH, decodeTcp } from '../../src/decode/tcp.js';
import { TCP, hex, tcp, tcpOptions } from '../support/packet-bytes.js';
import { expectDecoded, expectIssue, expectPrefixesFail, shifted } from './result-assertions.js';
import { SYN } from './sample-frames.js';

// The client's SYN as Linux sends it: MSS, SACK-permitted, timestamps, NOP, window scale.
const syn = tcp({
  sport: SYN.sport, dport: SYN.dport, seq: SYN.seq, flags: TCP.SYN, window: 64240,
  options: tcpOptions({ mss: SYN.mss, sackPermitted: true, timestamps: [SYN.tsVal, 0], windowScale: SYN.windowScale }),
});

describe('decodeTcp', () => {
  it('reads every field of a Linux SYN', () => {
    const r = expectDecoded(decodeTcp(syn, 0, syn.length));
    expect(r.value).toStrictEqual({
      kind: 'tcp', offset: 0, sport: SYN.sport, dport: SYN.dport, seq: SYN.seq, ack: 0, headerLength: 40,
      flags: TCP.SYN, window: 64240, checksum: 0, urgentPointer: 0,
      options: { mss: SYN.mss, windowScale: SYN.windowScale, sackPermitted: true, tsVal: SYN.tsVal, tsEcr: 0 },
      payloadOffset: 40, payloadLength: 0,
    });
    expect(r.next).toBe(40);
    expect(r.issue).toBeUndefined();
  });

  it('reads an established segment with aligned timestamps and payload, at an offset', () => {
    const b = tcp({
      sport: 80, dport: 51234, seq: 0xfffffff0, ack: 0x80000001, flags: TCP.ACK | TCP.PSH, window: 509,
      options: tcpOptions({ timestamps: [0xfedcba98, 0x01234567] }), payload: new Uint8Array(100),
    });
    const r = expectDecoded(decodeTcp(shifted(b, 34), 34, 34 + b.length));
    expect(r.value).toMatchObject({
      offset: 34, seq: 0xfffffff0, ack: 0x80000001, flags: 0x18, window: 509, headerLength: 32,
      payloadOffset: 34 + 32, payloadLength: 100,
    });
    expect(r.value.options).toStrictEqual({
      mss: undefined, windowScale: undefined, sackPermitted: undefined, tsVal: 0xfedcba98, tsEcr: 0x01234567,
    });
  });

  it('reads the same timestamps when they are not in the usual NOP-NOP layout', () => {
    const b = tcp({ sport: 1, dport: 2, flags: TCP.ACK, options: hex('080a 00000005 00000006 0101') });
    const r = expectDecoded(decodeTcp(b, 0, b.length));
    expect(r.value.options).toMatchObject({ tsVal: 5, tsEcr: 6 });
  });

  it('takes all 12 flag bits and nothing of the data offset', () => {
    const b = tcp({ sport: 1, dport: 2, flags: 0xfff });
    expect(expectDecoded(decodeTcp(b, 0, b.length)).value.flags).toBe(0xfff);
    const ae = tcp({ sport: 1, dport: 2, flags: TCP.AE | TCP.CWR | TCP.ECE | TCP.SYN });
    expect(expectDecoded(decodeTcp(ae, 0, ae.length)).value.flags).toBe(0x1c2);
  });

  it('has no options when the header is 20 bytes', () => {
    const b = tcp({ sport: 1, dport: 2, flags: TCP.RST });
    const r = expectDecoded(decodeTcp(b, 0, b.length));
    expect(r.value.options).toBe(NO_TCP_OPTIONS);
    expect(r.value.headerLength).toBe(TCP_MIN_HEADER_LENGTH);
  });

  it('stops reading options at END and skips NOPs and unknown kinds', () => {
    // NOP, unknown kind 30 (length 4), MSS, END, then garbage that must not be read.
    const b = tcp({ sport: 1, dport: 2, flags: TCP.SYN, options: hex('01 1e04abcd 020405b4 00 ffff') });
    const r = expectDecoded(decodeTcp(b, 0, b.length));
    expect(r.value.options).toMatchObject({ mss: 1460, windowScale: undefined });
    expect(r.issue).toBeUndefined();
  });

  it('ignores known options with the wrong length', () => {
    const b = tcp({ sport: 1, dport: 2, flags: TCP.SYN, options: hex('0205 05b4ff 0302 00 00000000') });
    const r = expectDecoded(decodeTcp(b, 0, b.length));
    expect(r.value.options).toBe(NO_TCP_OPTIONS);
  });

  it('keeps the header but records a bad option length (< 2)', () => {
    for (const options of [hex('020405b4 0800 0000'), hex('020405b4 0801 0000')]) {
      const b = tcp({ sport: 1, dport: 2, flags: TCP.SYN, options });
      const r = expectDecoded(decodeTcp(b, 0, b.length));
      expect(r.issue).toStrictEqual({ code: 'tcp.bad-option', layer: 'tcp', cause: 'malformed', offset: 0 });
      expect(r.value.options.mss).toBe(1460);
      expect(r.value.sport).toBe(1);
    }
  });

  it('records an option running past the header, or a length byte missing', () => {
    const overrun = tcp({ sport: 1, dport: 2, flags: TCP.SYN, options: hex('01010103 080a0000') });
    expect(expectDecoded(decodeTcp(overrun, 0, overrun.length)).issue?.code).toBe('tcp.bad-option');
    const lastByte = tcp({ sport: 1, dport: 2, flags: TCP.SYN, options: hex('01010102') });
    expect(expectDecoded(decodeTcp(lastByte, 0, lastByte.length)).issue?.code).toBe('tcp.bad-option');
  });

  it('says a data offset under 5 words is malformed', () => {
    for (const dataOffset of [0, 1, 4]) {
      const b = tcp({ sport: 1, dport: 2, flags: TCP.ACK, dataOffset, payload: new Uint8Array(20) });
      expect(expectIssue(decodeTcp(b, 0, b.length))).toStrictEqual({
        code: 'tcp.bad-data-offset', layer: 'tcp', cause: 'malformed', offset: 0,
      });
    }
  });

  it('fails on every prefix shorter than the announced header', () => {
    expectPrefixesFail(decodeTcp, syn, 40, 'tcp.truncated');
  });

  it('a data offset beyond the IP packet is malformed even if the bytes were captured', () => {
    const b = tcp({ sport: 1, dport: 2, flags: TCP.ACK, dataOffset: 15, payload: new Uint8Array(40) });
    expect(expectIssue(decodeTcp(b, 0, 40))).toMatchObject({ code: 'tcp.truncated', cause: 'malformed' });
  });

  it('gives the payload length by the IP packet, even when the capture holds less', () => {
    const b = tcp({ sport: 1, dport: 2, flags: TCP.ACK, payload: new Uint8Array(10) });
    const r = expectDecoded(decodeTcp(b, 0, 1500));
    expect(r.value.payloadLength).toBe(1480);
  });
});
