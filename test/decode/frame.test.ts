import { describe, expect, it } from 'vitest';
import { parseIpv4, parseMac } from '../../src/decode/addresses.js';
import { LINKTYPE } from '../../src/decode/constants.js';
import { decodeFrame } from '../../src/decode/frame.js';
import { NO_VLANS } from '../../src/decode/frame-types.js';
import {
  TCP, concat, ethernet, hex, icmp, ipv4, ipv6, rawPacket, sll, tcp, tcpOptions, udp, vlan,
} from '../support/packet-bytes.js';
import {
  HOST, SYN, clientSynFrame, clientSynPacket, forwardedSynFrame, fragNeededFrame, gratuitousArpFrame, nullPingFrame,
  qinqSynFrame, sll2OutgoingSynFrame, udp6Frame, unsolicitedNaFrame, vrrpAdvertFrame,
} from './sample-frames.js';

const ETH = LINKTYPE.ETHERNET;
const MAC = {
  ROUTER: parseMac(HOST.ROUTER_MAC), DIRECTOR: parseMac(HOST.DIRECTOR_MAC), RS1: parseMac(HOST.RS1_MAC),
};
const IP = { CLIENT: parseIpv4(HOST.CLIENT_IP), VIP: parseIpv4(HOST.VIP), DIRECTOR: parseIpv4(HOST.DIRECTOR_IP) };

function decodeEthernetBytes(bytes: Uint8Array, options: { caplen?: number; len?: number } = {}) {
  return decodeFrame(rawPacket(bytes, ETH, options));
}

describe('decodeFrame: real-world frames', () => {
  it('decodes every part of the client SYN and copies the capture metadata', () => {
    const bytes = clientSynFrame();
    const frame = decodeFrame(rawPacket(bytes, ETH, { frame: 42, tsSec: 1_700_000_123, tsNsec: 456_789_000, interfaceId: 2, fileOffset: 4096 }));
    expect(frame).toStrictEqual({
      frame: 42, tsSec: 1_700_000_123, tsNsec: 456_789_000, linkType: ETH, caplen: 74, len: 74, interfaceId: 2, fileOffset: 4096,
      link: { kind: 'ethernet', src: MAC.ROUTER, dst: MAC.DIRECTOR, etherType: 0x0800 },
      vlans: [],
      arp: undefined,
      ip: {
        version: 4, offset: 14, headerLength: 20, tos: 0, totalLength: 60, id: 0x1c46, dontFragment: true,
        moreFragments: false, fragmentOffset: 0, ttl: 63, protocol: 6, checksum: 0x32d7, src: IP.CLIENT, dst: IP.VIP,
        optionsLength: 0,
      },
      l4: {
        kind: 'tcp', offset: 34, sport: SYN.sport, dport: SYN.dport, seq: SYN.seq, ack: 0, headerLength: 40,
        flags: TCP.SYN, window: 64240, checksum: 0xfaf8, urgentPointer: 0,
        options: { mss: SYN.mss, windowScale: SYN.windowScale, sackPermitted: true, tsVal: SYN.tsVal, tsEcr: 0 },
        payloadOffset: 74, payloadLength: 0,
      },
      tunnel: undefined,
      issue: undefined,
    });
    expect(frame.vlans).toBe(NO_VLANS);
  });

  it('shows an IPVS-forwarded SYN as the client SYN with new MACs and TTL − 1, all else equal', () => {
    const inbound = decodeEthernetBytes(clientSynFrame());
    const forwarded = decodeEthernetBytes(forwardedSynFrame());
    expect(forwarded.link).toStrictEqual({ kind: 'ethernet', src: MAC.DIRECTOR, dst: MAC.RS1, etherType: 0x0800 });
    expect(forwarded.ip).toMatchObject({ ttl: 62, checksum: 0x33d7 });
    expect(forwarded.l4).toStrictEqual(inbound.l4);
    expect({ ...forwarded.ip, ttl: 0, checksum: 0 }).toStrictEqual({ ...inbound.ip, ttl: 0, checksum: 0 });
  });

  it('decodes keepalived\'s gratuitous ARP and ignores the padding', () => {
    const frame = decodeEthernetBytes(gratuitousArpFrame());
    expect(frame.len).toBe(60);
    expect(frame.link).toStrictEqual({ kind: 'ethernet', src: MAC.DIRECTOR, dst: 0xffffffffffff, etherType: 0x0806 });
    expect(frame.arp).toStrictEqual({ kind: 'arp', op: 1, sha: MAC.DIRECTOR, spa: IP.VIP, tha: 0xffffffffffff, tpa: IP.VIP });
    expect([frame.ip, frame.l4, frame.issue]).toEqual([undefined, undefined, undefined]);
  });

  it('decodes keepalived\'s VRRPv2 advert', () => {
    const frame = decodeEthernetBytes(vrrpAdvertFrame());
    expect(frame.link).toMatchObject({ dst: parseMac('01:00:5e:00:00:12'), src: MAC.DIRECTOR });
    expect(frame.ip).toMatchObject({ ttl: 255, tos: 0xc0, protocol: 112, src: IP.DIRECTOR, dst: parseIpv4('224.0.0.18'), totalLength: 40 });
    expect(frame.l4).toMatchObject({
      kind: 'vrrp', offset: 34, version: 2, type: 1, vrid: 51, priority: 100, addressCount: 1, authType: 0, intervalCs: 100,
      addresses: [IP.VIP], authDataHex: '0000000000000000',
    });
    expect(frame.issue).toBeUndefined();
  });

  it('decodes a fragmentation-needed error from the VIP quoting the client SYN', () => {
    const frame = decodeEthernetBytes(fragNeededFrame());
    expect(frame.ip).toMatchObject({ src: IP.VIP, dst: IP.CLIENT, protocol: 1 });
    expect(frame.l4).toMatchObject({
      kind: 'icmp', offset: 34, type: 3, code: 4, mtu: 1400,
      embedded: { version: 4, src: IP.CLIENT, dst: IP.VIP, protocol: 6, ttl: 63, id: 0x1c46, sport: SYN.sport, dport: SYN.dport, seq: SYN.seq },
    });
    expect(frame.issue).toBeUndefined();
  });

  it('decodes keepalived\'s unsolicited NA for the IPv6 VIP', () => {
    const frame = decodeEthernetBytes(unsolicitedNaFrame());
    expect(frame.link).toMatchObject({ dst: parseMac('33:33:00:00:00:01'), etherType: 0x86dd });
    expect(frame.ip).toMatchObject({ version: 6, offset: 14, ttl: 255, src: HOST.DIRECTOR_LL6, dst: 'ff02::1', protocol: 58, headerLength: 40 });
    expect(frame.l4).toMatchObject({
      kind: 'icmpv6', offset: 54, type: 136, ndTarget: HOST.VIP6, ndFlags: 0x20, ndLinkAddresses: [{ type: 2, mac: MAC.DIRECTOR }],
    });
    expect(frame.issue).toBeUndefined();
  });

  it('decodes a QinQ frame: both tags in order, the inner ethertype on the link', () => {
    const frame = decodeEthernetBytes(qinqSynFrame());
    expect(frame.vlans).toStrictEqual([
      { tpid: 0x88a8, id: 100, pcp: 3, dei: false },
      { tpid: 0x8100, id: 200, pcp: 0, dei: true },
    ]);
    expect(frame.link).toStrictEqual({ kind: 'ethernet', src: MAC.ROUTER, dst: MAC.DIRECTOR, etherType: 0x0800 });
    expect(frame.ip).toMatchObject({ offset: 22, src: IP.CLIENT });
    expect(frame.l4).toMatchObject({ kind: 'tcp', offset: 42, seq: SYN.seq });
  });

  it('decodes the forwarded SYN captured with `tcpdump -i any` (SLL2, outgoing)', () => {
    const frame = decodeFrame(rawPacket(sll2OutgoingSynFrame(), LINKTYPE.LINUX_SLL2));
    expect(frame.link).toStrictEqual({ kind: 'sll2', packetType: 4, arphrd: 1, src: MAC.DIRECTOR, ifindex: 4, etherType: 0x0800 });
    expect(frame.ip).toMatchObject({ offset: 20, ttl: 62 });
    expect(frame.l4).toMatchObject({ kind: 'tcp', offset: 40, flags: TCP.SYN });
  });

  it('decodes SLL with a VLAN tag libpcap put back', () => {
    const bytes = sll({ packetType: 0, address: HOST.ROUTER_MAC, protocol: 0x8100, payload: vlan({ id: 10, etherType: 0x0800, payload: clientSynPacket() }) });
    const frame = decodeFrame(rawPacket(bytes, LINKTYPE.LINUX_SLL));
    expect(frame.link).toStrictEqual({ kind: 'sll', packetType: 0, arphrd: 1, src: MAC.ROUTER, ifindex: undefined, etherType: 0x0800 });
    expect(frame.vlans).toStrictEqual([{ tpid: 0x8100, id: 10, pcp: 0, dei: false }]);
    expect(frame.l4).toMatchObject({ kind: 'tcp', offset: 16 + 4 + 20 });
  });

  it.each(['le', 'be'] as const)('decodes a NULL (%s) loopback ping', (byteOrder) => {
    const frame = decodeFrame(rawPacket(nullPingFrame(byteOrder), LINKTYPE.NULL));
    expect(frame.link).toStrictEqual({ kind: 'none', etherType: 0x0800 });
    expect(frame.ip).toMatchObject({ offset: 4, src: parseIpv4('127.0.0.1') });
    expect(frame.l4).toMatchObject({ kind: 'icmp', offset: 24, type: 8, echoId: 0x1234, echoSeq: 7 });
    expect(frame.issue).toBeUndefined();
  });

  it('decodes RAW, IPV4 and IPV6 link types, which start at the IP header', () => {
    for (const linkType of [LINKTYPE.RAW, LINKTYPE.RAW_BSD, LINKTYPE.RAW_OPENBSD, LINKTYPE.IPV4]) {
      const frame = decodeFrame(rawPacket(clientSynPacket(), linkType));
      expect(frame.link).toStrictEqual({ kind: 'none', etherType: 0x0800 });
      expect(frame.l4).toMatchObject({ kind: 'tcp', offset: 20, sport: SYN.sport });
    }
    const v6 = udp6Frame().subarray(14);
    for (const linkType of [LINKTYPE.RAW, LINKTYPE.IPV6]) {
      const frame = decodeFrame(rawPacket(v6, linkType));
      expect(frame.ip).toMatchObject({ version: 6, offset: 0 });
      expect(frame.l4).toMatchObject({ kind: 'udp', offset: 40, dport: 53, payloadLength: 12 });
    }
  });
});

describe('decodeFrame: what is and is not an issue', () => {
  it('an unknown link type is unsupported and has no link', () => {
    const frame = decodeFrame(rawPacket(clientSynFrame(), 127));
    expect(frame.issue).toStrictEqual({ code: 'link.unsupported-linktype', layer: 'link', cause: 'unsupported', offset: 0 });
    expect([frame.link, frame.ip, frame.l4]).toEqual([undefined, undefined, undefined]);
    expect(frame.vlans).toBe(NO_VLANS);
  });

  it('an unknown ethertype or IP protocol is not an issue: the record just stops', () => {
    const lldp = decodeEthernetBytes(ethernet({ etherType: 0x88cc, payload: new Uint8Array(40) }));
    expect(lldp.link?.etherType).toBe(0x88cc);
    expect([lldp.ip, lldp.arp, lldp.l4, lldp.issue]).toEqual([undefined, undefined, undefined, undefined]);
    const gre = decodeEthernetBytes(ethernet({ etherType: 0x0800, payload: ipv4({ protocol: 47, payload: new Uint8Array(24) }) }));
    expect(gre.ip?.protocol).toBe(47);
    expect([gre.l4, gre.issue]).toEqual([undefined, undefined]);
  });

  it('a non-first IPv4 fragment has no transport header; the first one has', () => {
    const segment = tcp({ sport: 80, dport: 1234, flags: TCP.ACK, payload: new Uint8Array(32) });
    const first = decodeEthernetBytes(ethernet({ etherType: 0x0800, payload: ipv4({ protocol: 6, moreFragments: true, payload: segment.subarray(0, 40) }) }));
    expect(first.l4).toMatchObject({ kind: 'tcp', sport: 80, payloadLength: 20 });
    const later = decodeEthernetBytes(ethernet({ etherType: 0x0800, payload: ipv4({ protocol: 6, fragmentOffset: 40, payload: segment.subarray(40) }) }));
    expect(later.ip).toMatchObject({ fragmentOffset: 40, protocol: 6 });
    expect([later.l4, later.issue]).toEqual([undefined, undefined]);
  });

  it('a first UDP fragment describes the datagram: its length goes on in the later fragments, not malformed', () => {
    const datagram = udp({ sport: 5060, dport: 5060, payload: new Uint8Array(3000) });
    const v4 = decodeEthernetBytes(ethernet({ etherType: 0x0800, payload: ipv4({ protocol: 17, id: 77, moreFragments: true, payload: datagram.subarray(0, 1480) }) }));
    expect(v4.l4).toMatchObject({ kind: 'udp', sport: 5060, length: 3008, payloadOffset: 42, payloadLength: 3000 });
    expect(v4.issue).toBeUndefined();
    const v6 = decodeEthernetBytes(ethernet({ etherType: 0x86dd, payload: ipv6({ nextHeader: 17, extensions: [{ type: 44, moreFragments: true, id: 9 }], payload: datagram.subarray(0, 1232) }) }));
    expect(v6.l4).toMatchObject({ kind: 'udp', length: 3008, payloadLength: 3000 });
    expect(v6.issue).toBeUndefined();
    // A whole datagram whose UDP length runs past its IP packet is still malformed.
    const whole = decodeEthernetBytes(ethernet({ etherType: 0x0800, payload: ipv4({ protocol: 17, payload: datagram.subarray(0, 1480) }) }));
    expect(whole.issue).toMatchObject({ code: 'udp.bad-length', cause: 'malformed' });
    expect(whole.l4).toMatchObject({ payloadLength: 1472 });
  });

  it('a non-first IPv6 fragment has no transport header', () => {
    const bytes = ethernet({ etherType: 0x86dd, payload: ipv6({ nextHeader: 17, extensions: [{ type: 44, offset: 1232, id: 5 }], payload: new Uint8Array(64) }) });
    const frame = decodeEthernetBytes(bytes);
    expect(frame.ip).toMatchObject({ protocol: 17, fragment: { id: 5, offset: 1232, moreFragments: false } });
    expect([frame.l4, frame.issue]).toEqual([undefined, undefined]);
  });

  it('bounds the packet by the IP length: Ethernet padding is not payload', () => {
    const ack = ethernet({ etherType: 0x0800, padTo: 60, payload: ipv4({ protocol: 6, payload: tcp({ sport: 1, dport: 2, flags: TCP.ACK }) }) });
    expect(decodeEthernetBytes(ack).l4).toMatchObject({ payloadLength: 0 });
    const dns = ethernet({ etherType: 0x0800, padTo: 60, payload: ipv4({ protocol: 17, payload: udp({ sport: 1, dport: 53, payload: hex('ab') }) }) });
    const frame = decodeEthernetBytes(dns);
    expect(frame.l4).toMatchObject({ kind: 'udp', length: 9, payloadLength: 1 });
    expect(frame.issue).toBeUndefined();
  });

  it('gives the payload length by the IP length when the capture cut the payload', () => {
    const bytes = ethernet({ etherType: 0x0800, payload: ipv4({ protocol: 6, payload: tcp({ sport: 1, dport: 2, flags: TCP.ACK, payload: new Uint8Array(1400) }) }) });
    const frame = decodeEthernetBytes(bytes, { caplen: 96 });
    expect(frame.l4).toMatchObject({ payloadOffset: 54, payloadLength: 1400 });
    expect(frame.issue).toBeUndefined();
  });

  it('treats an IPv4 total length of 0 as a GRO / BIG TCP packet running to the frame end', () => {
    const bytes = ethernet({ etherType: 0x0800, payload: ipv4({ protocol: 6, totalLength: 0, payload: tcp({ sport: 1, dport: 2, flags: TCP.ACK, payload: new Uint8Array(100) }) }) });
    const frame = decodeEthernetBytes(bytes, { caplen: 200, len: 90_054 });
    expect(frame.l4).toMatchObject({ payloadOffset: 54, payloadLength: 90_000 });
    expect(frame.issue).toBeUndefined();
  });

  it('treats an IPv6 payload length of 0 as BIG TCP too', () => {
    const bytes = ethernet({ etherType: 0x86dd, payload: ipv6({ nextHeader: 6, payloadLength: 0, payload: tcp({ sport: 1, dport: 2, flags: TCP.ACK }) }) });
    const frame = decodeEthernetBytes(bytes, { caplen: bytes.length, len: 80_074 });
    expect(frame.l4).toMatchObject({ payloadOffset: 74, payloadLength: 80_000 });
    expect(frame.issue).toBeUndefined();
  });

  it('an IP length beyond the frame on the wire is malformed, but the transport is still read', () => {
    const bytes = ethernet({ etherType: 0x0800, payload: ipv4({ protocol: 6, totalLength: 1500, payload: tcp({ sport: 1, dport: 2, flags: TCP.ACK, payload: new Uint8Array(10) }) }) });
    const frame = decodeEthernetBytes(bytes);
    expect(frame.issue).toStrictEqual({ code: 'ipv4.total-length-exceeds-frame', layer: 'ipv4', cause: 'malformed', offset: 14 });
    expect(frame.l4).toMatchObject({ sport: 1, payloadLength: 10 });
    const v6 = ethernet({ etherType: 0x86dd, payload: ipv6({ nextHeader: 17, payloadLength: 400, payload: udp({ sport: 1, dport: 2 }) }) });
    const frame6 = decodeEthernetBytes(v6);
    expect(frame6.issue).toMatchObject({ code: 'ipv6.payload-length-exceeds-frame', cause: 'malformed' });
    expect(frame6.l4).toMatchObject({ kind: 'udp', sport: 1 });
  });

  it('a snaplen cut in the TCP header keeps link and ip, has no l4, and says snaplen', () => {
    const bytes = clientSynFrame();
    const frame = decodeEthernetBytes(bytes, { caplen: 60 });
    expect(frame.issue).toStrictEqual({ code: 'tcp.truncated', layer: 'tcp', cause: 'snaplen', offset: 34 });
    expect(frame.link?.kind).toBe('ethernet');
    expect(frame.ip).toMatchObject({ src: IP.CLIENT, totalLength: 60 });
    expect(frame.l4).toBeUndefined();
    // The same bytes as a whole frame on the wire: malformed.
    const whole = decodeEthernetBytes(bytes.slice(0, 60));
    expect(whole.issue).toMatchObject({ code: 'tcp.truncated', cause: 'malformed' });
    expect(whole.ip).toBeDefined();
  });

  it('uses caplen when the data is longer', () => {
    const frame = decodeFrame({ ...rawPacket(clientSynFrame(), ETH), caplen: 30, len: 74 });
    expect(frame.issue).toMatchObject({ code: 'ipv4.truncated', cause: 'snaplen' });
  });

  it('reports bad headers as malformed at the layer that has them', () => {
    const badIhl = decodeEthernetBytes(ethernet({ etherType: 0x0800, payload: ipv4({ protocol: 6, ihl: 4, payload: new Uint8Array(20) }) }));
    expect(badIhl.issue).toStrictEqual({ code: 'ipv4.bad-header-length', layer: 'ipv4', cause: 'malformed', offset: 14 });
    expect(badIhl.ip).toBeUndefined();
    const badOffset = decodeEthernetBytes(ethernet({ etherType: 0x0800, payload: ipv4({ protocol: 6, payload: tcp({ sport: 1, dport: 2, flags: 2, dataOffset: 3 }) }) }));
    expect(badOffset.issue).toStrictEqual({ code: 'tcp.bad-data-offset', layer: 'tcp', cause: 'malformed', offset: 34 });
    expect(badOffset.l4).toBeUndefined();
  });

  it('keeps the TCP header of a segment with a bad option and records the issue', () => {
    const bytes = ethernet({ etherType: 0x0800, payload: ipv4({ protocol: 6, payload: tcp({ sport: 1, dport: 2, flags: 2, options: concat(tcpOptions({ mss: 1460 }), hex('0800 0000')) }) }) });
    const frame = decodeEthernetBytes(bytes);
    expect(frame.issue).toMatchObject({ code: 'tcp.bad-option', cause: 'malformed', offset: 34 });
    expect(frame.l4).toMatchObject({ kind: 'tcp', options: { mss: 1460 } });
  });

  it('an IPv6 extension chain cut short keeps ip, has no l4', () => {
    const bytes = ethernet({ etherType: 0x86dd, payload: ipv6({ nextHeader: 6, extensions: [{ type: 0 }], payload: tcp({ sport: 1, dport: 2, flags: 2 }) }) });
    const frame = decodeEthernetBytes(bytes, { caplen: 14 + 44 });
    expect(frame.issue).toMatchObject({ code: 'ipv6.extension-truncated', cause: 'snaplen', offset: 14 });
    expect(frame.ip).toMatchObject({ protocol: 0, extensionHeaders: [] });
    expect(frame.l4).toBeUndefined();
  });

  it('more than four VLAN tags are unsupported', () => {
    let payload = vlan({ id: 9, etherType: 0x0800, payload: clientSynPacket() });
    for (let i = 0; i < 4; i++) payload = vlan({ id: i, etherType: 0x8100, payload });
    const frame = decodeEthernetBytes(ethernet({ etherType: 0x8100, payload }));
    expect(frame.issue).toMatchObject({ code: 'vlan.too-many-tags', cause: 'unsupported' });
    expect(frame.link).toBeDefined();
    expect(frame.ip).toBeUndefined();
  });

  it('an unsupported ARP is reported, the link kept', () => {
    const bytes = ethernet({ etherType: 0x0806, payload: hex('0006 0800 0604 0001') });
    const frame = decodeEthernetBytes(bytes);
    expect(frame.issue).toStrictEqual({ code: 'arp.unsupported-hw-proto', layer: 'arp', cause: 'unsupported', offset: 14 });
    expect(frame.link).toBeDefined();
  });

  it('the layers decode ICMP over IPv4 with IP options', () => {
    const bytes = ethernet({ etherType: 0x0800, payload: ipv4({ protocol: 1, options: hex('94040000'), payload: icmp({ type: 0, rest: hex('00010002') }) }) });
    expect(decodeEthernetBytes(bytes).l4).toMatchObject({ kind: 'icmp', offset: 38, echoId: 1, echoSeq: 2 });
  });
});
