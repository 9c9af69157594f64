import { describe, expect, it } from 'vitest';
import { parseMac } from '../../src/decode/addresses.js';
import { SLL2_HEADER_LENGTH, decodeSll2 } from '../../src/decode/sll2.js';
import { hex, sll2 } from '../support/packet-bytes.js';
import { expectDecoded, expectPrefixesFail } from './result-assertions.js';

// `tcpdump -i any`: an outgoing frame on ifindex 4 (capture-formats.md §1.3 quotes this header).
const bytes = sll2({ protocol: 0x0800, ifindex: 4, arphrd: 1, packetType: 4, address: '52:54:00:00:00:0d', payload: new Uint8Array(20) });

describe('decodeSll2', () => {
  it('reads every field', () => {
    const r = expectDecoded(decodeSll2(bytes, 0, bytes.length));
    expect(r.value).toStrictEqual({
      kind: 'sll2', packetType: 4, arphrd: 1, src: parseMac('52:54:00:00:00:0d'), ifindex: 4, etherType: 0x0800,
    });
    expect(r.next).toBe(SLL2_HEADER_LENGTH);
  });

  it('matches the header bytes tcpdump writes', () => {
    const b = hex('0800 0000 00000004 0001 04 06 02fc a0b1c2d3 0000');
    expect(expectDecoded(decodeSll2(b, 0, b.length)).value).toStrictEqual({
      kind: 'sll2', packetType: 4, arphrd: 1, src: parseMac('02:fc:a0:b1:c2:d3'), ifindex: 4, etherType: 0x0800,
    });
  });

  it('reads a large interface index unsigned', () => {
    const b = sll2({ protocol: 0x86dd, ifindex: 0xfffffff0 });
    expect(expectDecoded(decodeSll2(b, 0, b.length)).value.ifindex).toBe(0xfffffff0);
  });

  it('has no source MAC for an IP tunnel (ARPHRD 768, halen 0)', () => {
    const b = sll2({ protocol: 0x0800, arphrd: 768, address: new Uint8Array(0) });
    expect(expectDecoded(decodeSll2(b, 0, b.length)).value).toMatchObject({ arphrd: 768, src: undefined });
  });

  it('fails on every prefix shorter than the header', () => {
    expectPrefixesFail(decodeSll2, bytes, SLL2_HEADER_LENGTH, 'sll2.truncated');
  });
});
