import { describe, expect, it } from 'vitest';
import { parseMac } from '../../src/decode/addresses.js';
import { ETHERNET_HEADER_LENGTH, decodeEthernet } from '../../src/decode/ethernet.js';
import { ethernet } from '../support/packet-bytes.js';
import { expectDecoded, expectPrefixesFail, shifted } from './result-assertions.js';

// A director-to-real-server frame header: 52:54:00 is QEMU's OUI, as in the lab captures.
const bytes = ethernet({ dst: '52:54:00:00:00:11', src: '52:54:00:00:00:0d', etherType: 0x0800, payload: new Uint8Array(20) });

describe('decodeEthernet', () => {
  it('reads every field', () => {
    const r = expectDecoded(decodeEthernet(bytes, 0, bytes.length));
    expect(r.value).toStrictEqual({
      kind: 'ethernet', dst: parseMac('52:54:00:00:00:11'), src: parseMac('52:54:00:00:00:0d'), etherType: 0x0800,
    });
    expect(r.next).toBe(ETHERNET_HEADER_LENGTH);
    expect(r.issue).toBeUndefined();
  });

  it('reads at an offset', () => {
    const r = expectDecoded(decodeEthernet(shifted(bytes, 3), 3, bytes.length + 3));
    expect(r.value.dst).toBe(parseMac('52:54:00:00:00:11'));
    expect(r.next).toBe(3 + ETHERNET_HEADER_LENGTH);
  });

  it('reads MACs with the top bit set exactly (48-bit numbers, no sign loss)', () => {
    const b = ethernet({ dst: 'ff:ff:ff:ff:ff:ff', src: 'fe:dc:ba:98:76:54', etherType: 0x0806 });
    const r = expectDecoded(decodeEthernet(b, 0, b.length));
    expect(r.value.dst).toBe(0xffffffffffff);
    expect(r.value.src).toBe(0xfedcba987654);
  });

  it('keeps an unknown ethertype or an 802.3 length field as it is', () => {
    for (const etherType of [0x88cc, 0x0000, 0x05dc, 0xffff]) {
      const b = ethernet({ etherType });
      expect(expectDecoded(decodeEthernet(b, 0, b.length)).value.etherType).toBe(etherType);
    }
  });

  it('fails on every prefix shorter than the header', () => {
    expectPrefixesFail(decodeEthernet, bytes, ETHERNET_HEADER_LENGTH, 'ethernet.truncated');
  });
});
