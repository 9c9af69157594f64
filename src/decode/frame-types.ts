// The decoded record of one frame. Plain readonly data with owned values only (numbers and
// short strings), never views into capture buffers. Offsets are relative to the frame start
// so a later stage can look at the bytes again while the batch is still alive.
// The analysis decodes IPv4, TCP and UDP into packed records that satisfy the same types
// (packed-headers.ts); readers must not rely on a record's own keys, only on its fields.

import type { Ipv4, Ipv6, IpAddress, Mac } from './addresses.js';
import type { DecodeIssue } from './issues.js';

/** Ethernet II (LINKTYPE_ETHERNET). Both MACs are known. */
export type EthernetLink = {
  readonly kind: 'ethernet';
  readonly src: Mac;
  readonly dst: Mac;
  /** Ethertype after all VLAN tags. */
  readonly etherType: number;
};

/** Linux cooked v1 (113) and v2 (276): only the sender's address on the wire, never the destination. */
export type CookedLink = {
  readonly kind: 'sll' | 'sll2';
  /** 0 host, 1 broadcast, 2 multicast, 3 otherhost, 4 outgoing. */
  readonly packetType: number;
  readonly arphrd: number;
  /** Sender MAC when the link address is 6 bytes long. */
  readonly src?: Mac;
  /**
   * Never decoded: the analysis fills it in for a frame the capture host received (packet type
   * 0), from the MAC the host sends from on that interface (correlate/cooked-destination.ts).
   */
  readonly dst?: Mac;
  /** SLL2 only. */
  readonly ifindex?: number;
  readonly etherType: number;
};

/** RAW / IPV4 / IPV6 / NULL / LOOP: no link addresses at all. */
export type BareLink = {
  readonly kind: 'none';
  readonly etherType: number;
};

export type LinkLayer = EthernetLink | CookedLink | BareLink;

export type VlanTag = {
  readonly tpid: number;
  readonly id: number;
  readonly pcp: number;
  readonly dei: boolean;
};

export type ArpPacket = {
  readonly kind: 'arp';
  /** 1 request, 2 reply, others as on the wire. */
  readonly op: number;
  readonly sha: Mac;
  readonly spa: Ipv4;
  readonly tha: Mac;
  readonly tpa: Ipv4;
};

export type Ipv4Header = {
  readonly version: 4;
  /** Offset of the IP header within the frame. */
  readonly offset: number;
  readonly headerLength: number;
  readonly tos: number;
  readonly totalLength: number;
  readonly id: number;
  readonly dontFragment: boolean;
  readonly moreFragments: boolean;
  /** In bytes. */
  readonly fragmentOffset: number;
  readonly ttl: number;
  readonly protocol: number;
  readonly checksum: number;
  readonly src: Ipv4;
  readonly dst: Ipv4;
  /** Bytes of IPv4 options (headerLength − 20). */
  readonly optionsLength: number;
};

export type Ipv6Header = {
  readonly version: 6;
  readonly offset: number;
  readonly trafficClass: number;
  readonly flowLabel: number;
  readonly payloadLength: number;
  /** Hop limit. */
  readonly ttl: number;
  readonly src: Ipv6;
  readonly dst: Ipv6;
  /** The upper-layer protocol after walking the extension headers. */
  readonly protocol: number;
  /** Next-header values of the extension headers walked, in order. */
  readonly extensionHeaders: readonly number[];
  /** Length of the fixed header plus extension headers. */
  readonly headerLength: number;
  readonly fragment?: { readonly id: number; readonly offset: number; readonly moreFragments: boolean };
};

export type IpHeader = Ipv4Header | Ipv6Header;

export type TcpOptions = {
  readonly mss?: number;
  readonly windowScale?: number;
  readonly sackPermitted?: boolean;
  readonly tsVal?: number;
  readonly tsEcr?: number;
};

export type TcpSegment = {
  readonly kind: 'tcp';
  readonly offset: number;
  readonly sport: number;
  readonly dport: number;
  readonly seq: number;
  readonly ack: number;
  readonly headerLength: number;
  /** 12-bit flag field as on the wire: FIN 0x01 SYN 0x02 RST 0x04 PSH 0x08 ACK 0x10 URG 0x20 ECE 0x40 CWR 0x80 AE 0x100. */
  readonly flags: number;
  readonly window: number;
  readonly checksum: number;
  readonly urgentPointer: number;
  readonly options: TcpOptions;
  readonly payloadOffset: number;
  /** Payload bytes according to the IP length (may exceed what was captured). */
  readonly payloadLength: number;
};

export type UdpDatagram = {
  readonly kind: 'udp';
  readonly offset: number;
  readonly sport: number;
  readonly dport: number;
  readonly length: number;
  readonly checksum: number;
  readonly payloadOffset: number;
  readonly payloadLength: number;
  /** An IPVS connection sync message (to the sync port, header agreeing with the datagram). */
  readonly ipvsSync?: IpvsSyncMessage;
};

/** One connection entry of an IPVS sync message. */
export type IpvsSyncConnection = {
  /** IP protocol number (6 TCP, 17 UDP, 132 SCTP). */
  readonly protocol: number;
  readonly client: IpAddress;
  readonly clientPort: number;
  readonly vip: IpAddress;
  readonly vport: number;
  /** The real server. */
  readonly server: IpAddress;
  readonly serverPort: number;
  /** IPVS protocol state (TCP: 1 ESTABLISHED, 2 SYN_SENT, 3 SYN_RECV, 4 FIN_WAIT, …). */
  readonly state: number;
  readonly flags: number;
  /** Seconds; version 1 only. */
  readonly timeout: number | undefined;
};

/** What a master director's kernel multicasts to its backups (ip_vs_sync.c). */
export type IpvsSyncMessage = {
  readonly version: 0 | 1;
  readonly syncid: number;
  readonly size: number;
  /** Entries the message carries (those cut off by the snap length are not in `connections`). */
  readonly count: number;
  readonly connections: readonly IpvsSyncConnection[];
};

/** The start of the offending datagram quoted inside an ICMP / ICMPv6 error. */
export type EmbeddedPacket = {
  readonly version: 4 | 6;
  readonly src: IpAddress;
  readonly dst: IpAddress;
  readonly protocol: number;
  readonly ttl: number;
  /** IPv4 only. */
  readonly id?: number;
  readonly sport?: number;
  readonly dport?: number;
  /** TCP only, when the quote is long enough. */
  readonly seq?: number;
  /** The encapsulated packet when the quoted one is IP in IP or GRE (protocol 4, 41 or 47) and quoted far enough. */
  readonly inner?: EmbeddedPacket;
};

export type IcmpMessage = {
  readonly kind: 'icmp';
  readonly offset: number;
  readonly type: number;
  readonly code: number;
  readonly checksum: number;
  /** Echo request/reply. */
  readonly echoId?: number;
  readonly echoSeq?: number;
  /** Destination unreachable / fragmentation needed (3/4): next-hop MTU. */
  readonly mtu?: number;
  /** Error messages (3, 4, 5, 11, 12). */
  readonly embedded?: EmbeddedPacket;
};

export type NdOptionLinkAddress = { readonly type: 1 | 2; readonly mac: Mac };

export type Icmpv6Message = {
  readonly kind: 'icmpv6';
  readonly offset: number;
  readonly type: number;
  readonly code: number;
  readonly checksum: number;
  readonly echoId?: number;
  readonly echoSeq?: number;
  /** Packet Too Big (2). */
  readonly mtu?: number;
  /** Error messages (1, 2, 3, 4). */
  readonly embedded?: EmbeddedPacket;
  /** Neighbour solicitation (135) / advertisement (136). */
  readonly ndTarget?: Ipv6;
  /** NA flags: router 0x80, solicited 0x40, override 0x20 (byte as on the wire). */
  readonly ndFlags?: number;
  /** Source (1) / target (2) link-layer address options. */
  readonly ndLinkAddresses?: readonly NdOptionLinkAddress[];
};

export type VrrpAdvert = {
  readonly kind: 'vrrp';
  readonly offset: number;
  /** 2 or 3. */
  readonly version: number;
  readonly type: number;
  readonly vrid: number;
  readonly priority: number;
  readonly addressCount: number;
  /** v2 only: 0 none, 1 simple text, 2 IP AH. */
  readonly authType?: number;
  /** Advertisement interval in centiseconds (v2 seconds × 100, v3 as on the wire). */
  readonly intervalCs: number;
  readonly checksum: number;
  readonly addresses: readonly IpAddress[];
  /** v2 simple-text password bytes as hex (never printed raw). */
  readonly authDataHex?: string;
};

export type Transport = TcpSegment | UdpDatagram | IcmpMessage | Icmpv6Message | VrrpAdvert;

export type Frame = {
  /** 1-based frame number within its capture. */
  readonly frame: number;
  readonly tsSec: number;
  readonly tsNsec: number;
  readonly linkType: number;
  readonly caplen: number;
  readonly len: number;
  readonly interfaceId: number;
  readonly fileOffset: number;
  readonly link?: LinkLayer;
  readonly vlans: readonly VlanTag[];
  readonly arp?: ArpPacket;
  readonly ip?: IpHeader;
  readonly l4?: Transport;
  /**
   * The outer header of IP in IP (LVS-TUN): `ip` and `l4` are then the encapsulated packet.
   * One level only; undefined for every other frame.
   */
  readonly tunnel?: IpHeader;
  /** Set when decoding stopped before the end of what the frame claims to contain. */
  readonly issue?: DecodeIssue;
  /**
   * The frame as captured, when the analysis gave this copy the addresses the director's side
   * of a NAT shows (correlate/address-translation.ts); evidence shows the captured one.
   */
  readonly translatedFrom?: Frame;
};

export const NO_VLANS: readonly VlanTag[] = Object.freeze([]);
