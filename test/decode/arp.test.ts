import { describe, expect, it } from 'vitest';
import { parseIpv4, parseMac } from '../../src/decode/addresses.js';
import { ARP_ETH_IPV4_LENGTH, decodeArp } from '../../src/decode/arp.js';
import { arp } from '../support/packet-bytes.js';
import { expectDecoded, expectIssue, expectPrefixesFail, shifted } from './result-assertions.js';

// keepalived's gratuitous ARP after taking over the VIP: a request for its own address.
const garp = arp({ op: 1, sha: '52:54:00:00:00:0d', spa: '192.0.2.100', tha: 'ff:ff:ff:ff:ff:ff', tpa: '192.0.2.100' });
// A real server answering for the VIP (the classic arp_ignore=0 fault).
const reply = arp({ op: 2, sha: '52:54:00:00:00:11', spa: '192.0.2.100', tha: '52:54:00:00:00:01', tpa: '192.0.2.1' });

describe('decodeArp', () => {
  it('reads every field of a gratuitous ARP', () => {
    const r = expectDecoded(decodeArp(garp, 0, garp.length));
    expect(r.value).toStrictEqual({
      kind: 'arp', op: 1,
      sha: parseMac('52:54:00:00:00:0d'), spa: parseIpv4('192.0.2.100'),
      tha: parseMac('ff:ff:ff:ff:ff:ff'), tpa: parseIpv4('192.0.2.100'),
    });
    expect(r.next).toBe(ARP_ETH_IPV4_LENGTH);
    expect(r.issue).toBeUndefined();
  });

  it('reads every field of a reply, at an offset', () => {
    const r = expectDecoded(decodeArp(shifted(reply, 14), 14, 14 + reply.length));
    expect(r.value).toStrictEqual({
      kind: 'arp', op: 2,
      sha: parseMac('52:54:00:00:00:11'), spa: parseIpv4('192.0.2.100'),
      tha: parseMac('52:54:00:00:00:01'), tpa: parseIpv4('192.0.2.1'),
    });
    expect(r.next).toBe(14 + ARP_ETH_IPV4_LENGTH);
  });

  it('keeps an unknown operation code as it is', () => {
    const rarp = arp({ op: 3, sha: '52:54:00:00:00:0d', spa: '0.0.0.0', tha: '52:54:00:00:00:0d', tpa: '0.0.0.0' });
    expect(expectDecoded(decodeArp(rarp, 0, rarp.length)).value.op).toBe(3);
  });

  it('ignores Ethernet padding after the packet', () => {
    const padded = new Uint8Array(46);
    padded.set(garp);
    expect(expectDecoded(decodeArp(padded, 0, padded.length)).next).toBe(ARP_ETH_IPV4_LENGTH);
  });

  it('says "unsupported" for other hardware or protocol types', () => {
    const variants = [
      arp({ op: 1, sha: '00:00:00:00:00:01', spa: '10.0.0.1', tha: '00:00:00:00:00:00', tpa: '10.0.0.2', htype: 6 }),
      arp({ op: 1, sha: '00:00:00:00:00:01', spa: '10.0.0.1', tha: '00:00:00:00:00:00', tpa: '10.0.0.2', ptype: 0x86dd }),
      arp({ op: 1, sha: '00:00:00:00:00:01', spa: '10.0.0.1', tha: '00:00:00:00:00:00', tpa: '10.0.0.2', hlen: 8 }),
      arp({ op: 1, sha: '00:00:00:00:00:01', spa: '10.0.0.1', tha: '00:00:00:00:00:00', tpa: '10.0.0.2', plen: 16 }),
    ];
    for (const b of variants) {
      expect(expectIssue(decodeArp(b, 0, b.length))).toStrictEqual({
        code: 'arp.unsupported-hw-proto', layer: 'arp', cause: 'unsupported', offset: 0,
      });
    }
  });

  it('fails on every prefix shorter than 28 bytes', () => {
    expectPrefixesFail(decodeArp, garp, ARP_ETH_IPV4_LENGTH, 'arp.truncated');
  });
});
