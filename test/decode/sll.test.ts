import { describe, expect, it } from 'vitest';
import { parseMac } from '../../src/decode/addresses.js';
import { SLL_HEADER_LENGTH, decodeSll } from '../../src/decode/sll.js';
import { sll } from '../support/packet-bytes.js';
import { expectDecoded, expectPrefixesFail, shifted } from './result-assertions.js';

// `tshark -i any` on the director: the forwarded SYN leaving eth0 (pkttype 4 OUTGOING).
const bytes = sll({ packetType: 4, arphrd: 1, address: '52:54:00:00:00:0d', protocol: 0x0800, payload: new Uint8Array(20) });

describe('decodeSll', () => {
  it('reads every field', () => {
    const r = expectDecoded(decodeSll(bytes, 0, bytes.length));
    expect(r.value).toStrictEqual({
      kind: 'sll', packetType: 4, arphrd: 1, src: parseMac('52:54:00:00:00:0d'), ifindex: undefined, etherType: 0x0800,
    });
    expect(r.next).toBe(SLL_HEADER_LENGTH);
    expect(r.issue).toBeUndefined();
  });

  it('reads at an offset', () => {
    const r = expectDecoded(decodeSll(shifted(bytes, 5), 5, bytes.length + 5));
    expect(r.value.packetType).toBe(4);
    expect(r.next).toBe(5 + SLL_HEADER_LENGTH);
  });

  it('has no source MAC when the link address is not 6 bytes (a tunnel has none)', () => {
    const tunnel = sll({ packetType: 0, arphrd: 768, address: new Uint8Array(0), protocol: 0x0800 });
    const r = expectDecoded(decodeSll(tunnel, 0, tunnel.length));
    expect(r.value).toMatchObject({ arphrd: 768, src: undefined, etherType: 0x0800 });
    const eui64 = sll({ arphrd: 0xfffe, address: new Uint8Array(8).fill(1), protocol: 0x86dd });
    expect(expectDecoded(decodeSll(eui64, 0, eui64.length)).value.src).toBeUndefined();
  });

  it('keeps unknown packet types and protocols as they are', () => {
    const b = sll({ packetType: 7, arphrd: 824, protocol: 0x0004 });
    expect(expectDecoded(decodeSll(b, 0, b.length)).value).toMatchObject({ packetType: 7, arphrd: 824, etherType: 4 });
  });

  it('fails on every prefix shorter than the header', () => {
    expectPrefixesFail(decodeSll, bytes, SLL_HEADER_LENGTH, 'sll.truncated');
  });
});
