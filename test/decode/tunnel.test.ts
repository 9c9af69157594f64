// IP in IP (LVS-TUN's encapsulation): the frame is the inner packet, with the outer header kept.

import { describe, expect, it } from 'vitest';
import { parseIpv4, parseIpv6 } from '../../src/decode/addresses.js';
import { LINKTYPE } from '../../src/decode/constants.js';
import { decodeFrame } from '../../src/decode/frame.js';
import { hashPacket } from '../../src/correlate/packet-hash.js';
import { decodeRecordOf } from '../../src/report/decode-record.js';
import { DecodeLineWriter } from '../../src/report/decode-line.js';
import { summarizeFrame } from '../../src/report/frame-summary.js';
import { TCP, ethernet, icmp, ipv4, ipv6, rawPacket, tcp } from '../support/packet-bytes.js';
import { HOST, clientSynPacket } from './sample-frames.js';

const ETH = LINKTYPE.ETHERNET;
const DIP = '192.0.2.2', RIP = '203.0.113.12';

/** What ip_vs_tunnel_xmit sends: the client's packet (TTL − 1) inside DIP → RIP, protocol 4. */
function tunnelledSyn(outer: { moreFragments?: boolean; fragmentOffset?: number; totalLength?: number } = {}): Uint8Array {
  return ethernet({
    src: HOST.DIRECTOR_MAC, dst: HOST.ROUTER_MAC, etherType: 0x0800,
    payload: ipv4({ src: DIP, dst: RIP, protocol: 4, ttl: 64, id: 7, dontFragment: true, payload: clientSynPacket(62), ...outer }),
  });
}

describe('decodeFrame: IP in IP', () => {
  it('decodes the inner packet as the frame\'s ip and l4 and keeps the outer header as tunnel', () => {
    const frame = decodeFrame(rawPacket(tunnelledSyn(), ETH));
    expect(frame.tunnel).toMatchObject({ version: 4, src: parseIpv4(DIP), dst: parseIpv4(RIP), protocol: 4, ttl: 64, id: 7, offset: 14 });
    expect(frame.ip).toMatchObject({ version: 4, src: parseIpv4(HOST.CLIENT_IP), dst: parseIpv4(HOST.VIP), ttl: 62, offset: 34, protocol: 6 });
    expect(frame.l4).toMatchObject({ kind: 'tcp', flags: TCP.SYN, offset: 54 });
    expect(frame.issue).toBeUndefined();
  });

  it('gives the tunnelled copy the identity and invariant hashes of the packet a DR director would forward', () => {
    const direct = decodeFrame(rawPacket(ethernet({ etherType: 0x0800, payload: clientSynPacket(62) }), ETH));
    const directBytes = ethernet({ etherType: 0x0800, payload: clientSynPacket(62) });
    const tunnelBytes = tunnelledSyn();
    const viaTunnel = decodeFrame(rawPacket(tunnelBytes, ETH));
    const hashes = (b: Uint8Array, f: typeof direct) => {
      const h = hashPacket(b, f);
      return [h.identity, h.invariant, h.invariantSpan, h.ipChecksumOk];
    };
    expect(hashes(tunnelBytes, viaTunnel)).toStrictEqual(hashes(directBytes, direct));
  });

  it('decodes 6in4, 4in6 and 6in6', () => {
    const inner6 = ipv6({ src: '2001:db8:1::10', dst: '2001:db8:2::100', nextHeader: 6, payload: tcp({ sport: 40000, dport: 80, flags: TCP.SYN }) });
    const inner4 = clientSynPacket(62);
    const sixInFour = decodeFrame(rawPacket(ethernet({ etherType: 0x0800, payload: ipv4({ src: DIP, dst: RIP, protocol: 41, payload: inner6 }) }), ETH));
    expect(sixInFour.tunnel).toMatchObject({ version: 4, protocol: 41 });
    expect(sixInFour.ip).toMatchObject({ version: 6, dst: parseIpv6('2001:db8:2::100') });
    expect(sixInFour.l4).toMatchObject({ kind: 'tcp', dport: 80 });
    const fourInSix = decodeFrame(rawPacket(ethernet({ etherType: 0x86dd, payload: ipv6({ src: '2001:db8:2::2', dst: '2001:db8:2::11', nextHeader: 4, payload: inner4 }) }), ETH));
    expect(fourInSix.tunnel).toMatchObject({ version: 6, protocol: 4, dst: parseIpv6('2001:db8:2::11') });
    expect(fourInSix.ip).toMatchObject({ version: 4, dst: parseIpv4(HOST.VIP) });
    const sixInSix = decodeFrame(rawPacket(ethernet({ etherType: 0x86dd, payload: ipv6({ src: '2001:db8:2::2', dst: '2001:db8:2::11', nextHeader: 41, payload: inner6 }) }), ETH));
    expect(sixInSix.tunnel).toMatchObject({ version: 6, protocol: 41 });
    expect(sixInSix.l4).toMatchObject({ kind: 'tcp', sport: 40000 });
  });

  it('decodes GRE (ipvsadm --tun-type gre) like IP in IP, with optional fields, version 0 only', () => {
    const gre = (flags: number, proto: number, extra: number[] = []) => Uint8Array.of(flags >> 8, flags & 0xff, proto >> 8, proto & 0xff, ...extra);
    const withGre = (header: Uint8Array) => decodeFrame(rawPacket(ethernet({ etherType: 0x0800,
      payload: ipv4({ src: DIP, dst: RIP, protocol: 47, payload: new Uint8Array([...header, ...clientSynPacket(62)]) }) }), ETH));
    const plain = withGre(gre(0, 0x0800));
    expect(plain.tunnel).toMatchObject({ protocol: 47, dst: parseIpv4(RIP) });
    expect(plain.l4).toMatchObject({ kind: 'tcp', flags: TCP.SYN, offset: 14 + 20 + 4 + 20 });
    // Checksum and key present: 8 more bytes before the inner header.
    expect(withGre(gre(0xa000, 0x0800, [0, 0, 0, 0, 0, 0, 0, 42])).l4).toMatchObject({ kind: 'tcp', offset: 14 + 20 + 12 + 20 });
    // PPTP's enhanced GRE (version 1) and other payload protocols stay undecoded, as before.
    for (const frame of [withGre(gre(0x0001, 0x880b)), withGre(gre(0, 0x6558))]) {
      expect([frame.tunnel, frame.l4, frame.issue]).toEqual([undefined, undefined, undefined]);
      expect(frame.ip).toMatchObject({ protocol: 47 });
    }
    expect(summarizeFrame(plain)).toMatch(/^192\.0\.2\.2 > 203\.0\.113\.12 GRE ttl 64: /);
    expect(decodeRecordOf('f', plain)).toMatchObject({ 'tunnel.proto': 47, 'ip.src': HOST.CLIENT_IP });
  });

  it('decodes the client packet inside an ICMP error quoting a tunnelled packet, IP in IP or GRE', () => {
    const quoteOf = (protocol: number, tunnelHeader: number[]) =>
      ipv4({ src: DIP, dst: RIP, protocol, ttl: 64, payload: new Uint8Array([...tunnelHeader, ...clientSynPacket(62)]) }).subarray(0, 20 + tunnelHeader.length + 28);
    for (const [protocol, header] of [[4, []], [47, [0, 0, 0x08, 0]]] as const) {
      const error = ethernet({ etherType: 0x0800, payload: ipv4({ src: RIP, dst: DIP, protocol: 1, payload: icmp({ type: 3, code: 3, payload: quoteOf(protocol, [...header]) }) }) });
      const l4 = decodeFrame(rawPacket(error, ETH)).l4;
      expect(l4).toMatchObject({ kind: 'icmp', embedded: { protocol, src: parseIpv4(DIP), inner: { src: parseIpv4(HOST.CLIENT_IP), dst: parseIpv4(HOST.VIP), dport: 80 } } });
    }
  });

  it('decapsulates one level only', () => {
    const twice = ipv4({ src: '192.0.2.3', dst: DIP, protocol: 4, payload: ipv4({ src: DIP, dst: RIP, protocol: 4, payload: clientSynPacket(62) }) });
    const frame = decodeFrame(rawPacket(ethernet({ etherType: 0x0800, payload: twice }), ETH));
    expect(frame.tunnel).toMatchObject({ src: parseIpv4('192.0.2.3') });
    expect(frame.ip).toMatchObject({ src: parseIpv4(DIP), protocol: 4 });
    expect([frame.l4, frame.issue]).toEqual([undefined, undefined]);
  });

  it('decodes the first fragment of a fragmented tunnelled packet as the whole client packet, cut', () => {
    // IPVS with pmtu_disc=0 fragments the outer packet: the first fragment holds the inner headers.
    const inner = ipv4({ src: HOST.CLIENT_IP, dst: HOST.VIP, protocol: 6, ttl: 62, id: 9, dontFragment: true,
      payload: tcp({ sport: 40000, dport: 80, flags: TCP.ACK, payload: new Uint8Array(1460) }) });
    const firstPart = inner.subarray(0, 1480);
    const bytes = ethernet({ etherType: 0x0800, payload: ipv4({ src: DIP, dst: RIP, protocol: 4, id: 3, moreFragments: true, payload: firstPart }) });
    const first = decodeFrame(rawPacket(bytes, ETH));
    expect(first.tunnel).toMatchObject({ src: parseIpv4(DIP), moreFragments: true });
    expect(first.ip).toMatchObject({ src: parseIpv4(HOST.CLIENT_IP), totalLength: 1500, id: 9 });
    expect(first.l4).toMatchObject({ kind: 'tcp', sport: 40000, payloadLength: 1460 });
    expect(first.issue).toBeUndefined();
    const rest = ethernet({ etherType: 0x0800, payload: ipv4({ src: DIP, dst: RIP, protocol: 4, id: 3, fragmentOffset: 1480, payload: inner.subarray(1480) }) });
    const later = decodeFrame(rawPacket(rest, ETH));
    expect([later.tunnel, later.l4, later.issue]).toEqual([undefined, undefined, undefined]);
    expect(later.ip).toMatchObject({ protocol: 4, fragmentOffset: 1480 });
  });

  it('an inner header cut by the snap length keeps the outer header as ip, with a snaplen issue', () => {
    const frame = decodeFrame(rawPacket(tunnelledSyn(), ETH, { caplen: 14 + 20 + 10 }));
    expect(frame.tunnel).toBeUndefined();
    expect(frame.ip).toMatchObject({ src: parseIpv4(DIP), dst: parseIpv4(RIP), protocol: 4 });
    expect(frame.issue).toMatchObject({ cause: 'snaplen', layer: 'ipv4', offset: 34 });
  });

  it('an inner packet longer than the outer one is malformed', () => {
    const bytes = ethernet({ etherType: 0x0800, payload: ipv4({ src: DIP, dst: RIP, protocol: 4, payload: ipv4({ protocol: 6, totalLength: 500, payload: tcp({ sport: 1, dport: 80, flags: TCP.SYN }) }) }) });
    const frame = decodeFrame(rawPacket(bytes, ETH));
    expect(frame.tunnel).toBeDefined();
    expect(frame.issue).toMatchObject({ code: 'ipv4.total-length-exceeds-frame', cause: 'malformed' });
  });

  it('prints the outer header in the decode record, the line writer and frame summaries', () => {
    const frame = decodeFrame(rawPacket(tunnelledSyn(), ETH));
    const record = decodeRecordOf('f.pcap', frame);
    expect(record).toMatchObject({ 'tunnel.version': 4, 'tunnel.src': DIP, 'tunnel.dst': RIP, 'tunnel.ttl': 64, 'tunnel.id': 7, 'ip.src': HOST.CLIENT_IP, 'ip.ttl': 62 });
    const writer = new DecodeLineWriter('f.pcap');
    writer.add(frame);
    expect(JSON.parse(new TextDecoder().decode(writer.take()))).toStrictEqual(record);
    expect(summarizeFrame(frame)).toMatch(/^192\.0\.2\.2 > 203\.0\.113\.12 IPIP ttl 64: 198\.51\.100\.7:\d+ > 192\.0\.2\.100:80 TCP \[S\]/);
  });
});
