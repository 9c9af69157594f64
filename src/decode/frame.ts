// The only dispatcher: link layer by link type → VLAN tags → ARP or IPv4 / IPv6 → transport.
// Each step is bounded twice: by what the enclosing layer declares (frame length, IP length),
// so Ethernet padding and trailers are never payload, and by what was captured.
// IP in IP and GRE (LVS-TUN's encapsulations: protocol 4 or 41, and 47 with `--tun-type gre`) are
// decoded one level deep: the frame's `ip` and `l4` are the inner packet, the one the client
// sent, and `tunnel` the outer header.

import type { RawPacket } from '../io/raw-packet.js';
import { decodeArp } from './arp.js';
import { decodeBare, isBareLinkType } from './bare.js';
import { ETHERTYPE, IPPROTO, LINKTYPE } from './constants.js';
import { decodeEthernet, ETHERNET_HEADER_LENGTH, readEthernet } from './ethernet.js';
import { type Frame, type IpHeader, type LinkLayer, type Transport, type VlanTag, type ArpPacket, NO_VLANS } from './frame-types.js';
import { decodeIcmp } from './icmp.js';
import { decodeIcmpv6 } from './icmpv6.js';
import { ipv4PacketEnd, readIpv4 } from './ipv4.js';
import { decodeIpv6, ipv6PacketEnd } from './ipv6.js';
import type { DecodeIssue } from './issues.js';
import { type DecodeResult, failure, makeIssue } from './result.js';
import { decodeSll } from './sll.js';
import { decodeSll2 } from './sll2.js';
import { decodeTcp, readTcp, tcpOptionIssue } from './tcp.js';
import { decodeUdp, readUdp, udpDatagramEnd, udpLengthIssue } from './udp.js';
import { decodeVlanTags, isVlanTpid } from './vlan.js';
import { decodeVrrp } from './vrrp.js';
import { isTunnelProtocol, tunnelPayload } from './tunnel.js';

/**
 * Decodes one captured frame as far as its bytes allow. Never throws: problems end up in `issue`.
 * `packed`: IPv4, TCP and UDP headers as packed records (packed-headers.ts), the same values
 * in less memory, for the analysis, which keeps many frames alive at once.
 */
export function decodeFrame(raw: RawPacket, packed = false): Frame {
  const b = capturedBytes(raw);
  // The frame's declared end: its length on the wire, never less than what was captured.
  const frameEnd = raw.len > b.length ? raw.len : b.length;
  let link: LinkLayer, off: number;
  if (raw.linkType === LINKTYPE.ETHERNET) {
    // Almost every frame: no result wrapper on this path.
    const ethernet = readEthernet(b, 0, frameEnd);
    if ('ok' in ethernet) return buildFrame(raw, undefined, NO_VLANS, undefined, undefined, undefined, ethernet.issue);
    link = ethernet;
    off = ETHERNET_HEADER_LENGTH;
  } else {
    const linkResult = decodeLinkLayer(b, frameEnd, raw.linkType);
    if (!linkResult.ok) return buildFrame(raw, undefined, NO_VLANS, undefined, undefined, undefined, linkResult.issue);
    link = linkResult.value;
    off = linkResult.next;
  }
  let etherType = link.etherType;
  let vlans = NO_VLANS;
  if (isVlanTpid(etherType)) {
    const stack = decodeVlanTags(b, off, frameEnd, etherType);
    if (!stack.ok) return buildFrame(raw, link, NO_VLANS, undefined, undefined, undefined, stack.issue);
    vlans = stack.value.tags;
    etherType = stack.value.etherType;
    off = stack.next;
    link = withEtherType(link, etherType);
  }

  switch (etherType) {
    case ETHERTYPE.IPV4: return decodeIpv4Frame(raw, b, frameEnd, link, vlans, off, packed);
    case ETHERTYPE.IPV6: return decodeIpv6Frame(raw, b, frameEnd, link, vlans, off, packed);
    case ETHERTYPE.ARP: {
      const arp = decodeArp(b, off, frameEnd);
      return arp.ok
        ? buildFrame(raw, link, vlans, arp.value, undefined, undefined, undefined)
        : buildFrame(raw, link, vlans, undefined, undefined, undefined, arp.issue);
    }
    // Other ethertypes are valid traffic this tool does not look into: no issue.
    default: return buildFrame(raw, link, vlans, undefined, undefined, undefined, undefined);
  }
}

/** The captured bytes, never more than `caplen`. */
function capturedBytes(raw: RawPacket): Uint8Array {
  const data = raw.data;
  return raw.caplen >= 0 && raw.caplen < data.length ? data.subarray(0, raw.caplen) : data;
}

function decodeLinkLayer(b: Uint8Array, frameEnd: number, linkType: number): DecodeResult<LinkLayer> {
  switch (linkType) {
    case LINKTYPE.ETHERNET: return decodeEthernet(b, 0, frameEnd);
    case LINKTYPE.LINUX_SLL: return decodeSll(b, 0, frameEnd);
    case LINKTYPE.LINUX_SLL2: return decodeSll2(b, 0, frameEnd);
    default:
      return isBareLinkType(linkType)
        ? decodeBare(b, 0, frameEnd, linkType)
        : failure('link.unsupported-linktype', 'unsupported', 0);
  }
}

/** The link record with the ethertype found after the VLAN tags. */
function withEtherType(link: LinkLayer, etherType: number): LinkLayer {
  switch (link.kind) {
    case 'ethernet': return { kind: 'ethernet', src: link.src, dst: link.dst, etherType };
    case 'sll': case 'sll2':
      return { kind: link.kind, packetType: link.packetType, arphrd: link.arphrd, src: link.src, ifindex: link.ifindex, etherType };
    case 'none': return { kind: 'none', etherType };
  }
}

function decodeIpv4Frame(
  raw: RawPacket, b: Uint8Array, frameEnd: number, link: LinkLayer, vlans: readonly VlanTag[], off: number, packed: boolean,
  tunnel?: IpHeader,
): Frame {
  const ip = readIpv4(b, off, frameEnd, packed);
  if ('ok' in ip) return tunnel ? undecapsulated(raw, link, vlans, tunnel, ip.issue) : buildFrame(raw, link, vlans, undefined, undefined, undefined, ip.issue);
  let end = ipv4PacketEnd(ip, frameEnd);
  let issue: DecodeIssue | undefined;
  if (end > frameEnd) {
    issue = makeIssue('ipv4.total-length-exceeds-frame', 'malformed', off);
    end = frameEnd;
  }
  // A non-first fragment starts in the middle of the transport payload.
  if (ip.fragmentOffset !== 0) return buildFrame(raw, link, vlans, undefined, ip, undefined, issue, tunnel);
  if (tunnel === undefined && isTunnelProtocol(ip.protocol) && issue === undefined) {
    return decapsulated(raw, b, link, vlans, ip, off + ip.headerLength, end, packed);
  }
  const l4Off = off + ip.headerLength;
  return withTransport(raw, b, link, vlans, ip, l4Off, transportEnd(b, ip, l4Off, end), issue, packed, tunnel);
}

function decodeIpv6Frame(
  raw: RawPacket, b: Uint8Array, frameEnd: number, link: LinkLayer, vlans: readonly VlanTag[], off: number, packed: boolean,
  tunnel?: IpHeader,
): Frame {
  const result = decodeIpv6(b, off, frameEnd);
  if (!result.ok) return tunnel ? undecapsulated(raw, link, vlans, tunnel, result.issue) : buildFrame(raw, link, vlans, undefined, undefined, undefined, result.issue);
  const ip = result.value;
  // The extension-header walk did not reach the transport header.
  if (result.issue !== undefined) return buildFrame(raw, link, vlans, undefined, ip, undefined, result.issue, tunnel);
  let end = ipv6PacketEnd(ip, frameEnd);
  let issue: DecodeIssue | undefined;
  if (end > frameEnd) {
    issue = makeIssue('ipv6.payload-length-exceeds-frame', 'malformed', off);
    end = frameEnd;
  }
  if (ip.fragment !== undefined && ip.fragment.offset !== 0) {
    return buildFrame(raw, link, vlans, undefined, ip, undefined, issue, tunnel);
  }
  if (tunnel === undefined && isTunnelProtocol(ip.protocol) && issue === undefined) {
    return decapsulated(raw, b, link, vlans, ip, result.next, end, packed);
  }
  return withTransport(raw, b, link, vlans, ip, result.next, transportEnd(b, ip, result.next, end), issue, packed, tunnel);
}

/**
 * Where the transport payload at `off` ends: the IP packet's end, except in the first fragment
 * of a UDP datagram, which goes on in the later fragments and is bounded by its own length, like
 * a frame cut by the snap length (a length past the fragment is not malformed). The director
 * reassembles fragments and may cut them anew (spec 1.2): the datagram's length is what both
 * sides share, not the fragment's.
 */
function transportEnd(b: Uint8Array, ip: IpHeader, off: number, end: number): number {
  return ip.protocol === IPPROTO.UDP && isFirstOfFragments(ip) ? udpDatagramEnd(b, off, end) : end;
}


/**
 * The inner packet of IP in IP, bounded by the outer packet's end. When the outer packet is the
 * first fragment of several (IPVS fragments tunnelled packets with pmtu_disc=0), the inner packet
 * goes on in the later fragments: it is bounded by its own length instead, like a frame cut by
 * the snap length, so its transport header and lengths still describe the client's packet.
 */
function decapsulated(
  raw: RawPacket, b: Uint8Array, link: LinkLayer, vlans: readonly VlanTag[], outer: IpHeader, off: number, end: number, packed: boolean,
): Frame {
  const inner = tunnelPayload(b, off, end, outer.protocol);
  if (inner === undefined) return withTransport(raw, b, link, vlans, outer, off, end, undefined, packed, undefined);
  const innerEnd = isFirstOfFragments(outer) ? Math.max(end, declaredEnd(b, inner.off, end, inner.version)) : end;
  return inner.version === 4
    ? decodeIpv4Frame(raw, b, innerEnd, link, vlans, inner.off, packed, outer)
    : decodeIpv6Frame(raw, b, innerEnd, link, vlans, inner.off, packed, outer);
}

function isFirstOfFragments(ip: IpHeader): boolean {
  return ip.version === 4 ? ip.moreFragments : ip.fragment?.moreFragments === true;
}

/** Where an IP packet at `off` says it ends (its total or payload length), or `end` when that cannot be read. */
function declaredEnd(b: Uint8Array, off: number, end: number, version: 4 | 6): number {
  if (off + 6 > Math.min(b.length, end)) return end;
  const length = (b[off + 2]! << 8) | b[off + 3]!, payload = (b[off + 4]! << 8) | b[off + 5]!;
  return version === 4 ? (length >= 20 ? off + length : end) : off + 40 + payload;
}

/** An inner header that cannot be read leaves the outer one as the frame's IP layer, with the inner's issue. */
function undecapsulated(raw: RawPacket, link: LinkLayer, vlans: readonly VlanTag[], outer: IpHeader, issue: DecodeIssue): Frame {
  return buildFrame(raw, link, vlans, undefined, outer, undefined, issue);
}

function withTransport(
  raw: RawPacket, b: Uint8Array, link: LinkLayer, vlans: readonly VlanTag[], ip: IpHeader,
  off: number, end: number, ipIssue: DecodeIssue | undefined, packed: boolean, tunnel: IpHeader | undefined,
): Frame {
  // TCP and UDP without result wrappers: most frames take these two paths.
  if (ip.protocol === IPPROTO.TCP) {
    const tcp = readTcp(b, off, end, packed);
    if ('ok' in tcp) return buildFrame(raw, link, vlans, undefined, ip, undefined, tcp.issue, tunnel);
    return buildFrame(raw, link, vlans, undefined, ip, tcp, tcpOptionIssue() ?? ipIssue, tunnel);
  }
  if (ip.protocol === IPPROTO.UDP) {
    const udp = readUdp(b, off, end, packed);
    if ('ok' in udp) return buildFrame(raw, link, vlans, undefined, ip, undefined, udp.issue, tunnel);
    return buildFrame(raw, link, vlans, undefined, ip, udp, udpLengthIssue() ?? ipIssue, tunnel);
  }
  const result = decodeTransport(b, off, end, ip.protocol, ip.version);
  // Other protocols are valid traffic this tool does not look into: no issue.
  if (result === undefined) return buildFrame(raw, link, vlans, undefined, ip, undefined, ipIssue, tunnel);
  if (!result.ok) return buildFrame(raw, link, vlans, undefined, ip, undefined, result.issue, tunnel);
  return buildFrame(raw, link, vlans, undefined, ip, result.value, result.issue ?? ipIssue, tunnel);
}

function decodeTransport(
  b: Uint8Array, off: number, end: number, protocol: number, ipVersion: 4 | 6,
): DecodeResult<Transport> | undefined {
  switch (protocol) {
    case IPPROTO.TCP: return decodeTcp(b, off, end);
    case IPPROTO.UDP: return decodeUdp(b, off, end);
    case IPPROTO.ICMP: return decodeIcmp(b, off, end);
    case IPPROTO.ICMPV6: return decodeIcmpv6(b, off, end);
    case IPPROTO.VRRP: return decodeVrrp(b, off, end, ipVersion);
    default: return undefined;
  }
}

/** One object shape for every frame (absent parts are `undefined`), which keeps later stages monomorphic. */
function buildFrame(
  raw: RawPacket, link: LinkLayer | undefined, vlans: readonly VlanTag[], arp: ArpPacket | undefined,
  ip: IpHeader | undefined, l4: Transport | undefined, issue: DecodeIssue | undefined, tunnel?: IpHeader,
): Frame {
  return {
    frame: raw.frame,
    tsSec: raw.tsSec,
    tsNsec: raw.tsNsec,
    linkType: raw.linkType,
    caplen: raw.caplen,
    len: raw.len,
    interfaceId: raw.interfaceId,
    fileOffset: raw.fileOffset,
    link,
    vlans,
    arp,
    ip,
    l4,
    tunnel,
    issue: issue === undefined ? undefined : settleCause(issue, raw),
  };
}

/** Bytes missing from a frame that was captured whole were never there: the frame is malformed. */
function settleCause(issue: DecodeIssue, raw: RawPacket): DecodeIssue {
  if (issue.cause !== 'snaplen' || raw.caplen < raw.len) return issue;
  return { code: issue.code, layer: issue.layer, cause: 'malformed', offset: issue.offset };
}
