// Wire values the decoders dispatch on. Named after the C headers (if_ether.h, in.h, …) so the
// numbers can be looked up; only the ones lvs-doctor reads or reports are listed.

/** pcap LINKTYPE_* values (tcpdump.org linktypes). */
export const LINKTYPE = {
  NULL: 0,
  ETHERNET: 1,
  /** DLT_RAW on most BSDs, found in old files. */
  RAW_BSD: 12,
  /** DLT_RAW on OpenBSD, found in old files. */
  RAW_OPENBSD: 14,
  RAW: 101,
  LOOP: 108,
  LINUX_SLL: 113,
  IPV4: 228,
  IPV6: 229,
  LINUX_SLL2: 276,
} as const;

export const ETHERTYPE = {
  IPV4: 0x0800,
  ARP: 0x0806,
  /** 802.1Q customer tag. */
  VLAN: 0x8100,
  IPV6: 0x86dd,
  /** 802.1ad service tag (QinQ outer tag). */
  QINQ: 0x88a8,
  /** Pre-standard QinQ outer tag. */
  VLAN_LEGACY: 0x9100,
} as const;

export const IPPROTO = {
  HOPOPTS: 0,
  ICMP: 1,
  IPIP: 4,
  TCP: 6,
  UDP: 17,
  IPV6: 41,
  ROUTING: 43,
  FRAGMENT: 44,
  GRE: 47,
  ESP: 50,
  AH: 51,
  ICMPV6: 58,
  NONE: 59,
  DSTOPTS: 60,
  VRRP: 112,
  SCTP: 132,
  MOBILITY: 135,
  HIP: 139,
  SHIM6: 140,
} as const;

export const ARP_OP = { REQUEST: 1, REPLY: 2 } as const;

/** ARP hardware / Linux ARPHRD_* values seen in ARP packets and cooked headers. */
export const ARPHRD = {
  ETHER: 1,
  TUNNEL: 768,
  TUNNEL6: 769,
  LOOPBACK: 772,
  IPGRE: 778,
  NONE: 0xfffe,
} as const;

/** Linux cooked-capture packet types (PACKET_* in if_packet.h). */
export const PACKET_TYPE = { HOST: 0, BROADCAST: 1, MULTICAST: 2, OTHERHOST: 3, OUTGOING: 4 } as const;

/** Address families in NULL / LOOP headers: IPv6 differs by OS (Linux/NetBSD 24, FreeBSD 28, macOS 30). */
export const NULL_AF = { INET: 2, INET6_BSD: 24, INET6_FREEBSD: 28, INET6_DARWIN: 30 } as const;

/** Bits of the 12-bit TCP flag field (bytes 12–13 & 0x0fff). */
export const TCP_FLAG = {
  FIN: 0x001,
  SYN: 0x002,
  RST: 0x004,
  PSH: 0x008,
  ACK: 0x010,
  URG: 0x020,
  ECE: 0x040,
  CWR: 0x080,
  /** Accurate ECN (RFC 9768), formerly NS. */
  AE: 0x100,
} as const;

export const TCP_OPTION = { END: 0, NOP: 1, MSS: 2, WINDOW_SCALE: 3, SACK_PERMITTED: 4, SACK: 5, TIMESTAMPS: 8 } as const;

export const ICMP_TYPE = {
  ECHO_REPLY: 0,
  DEST_UNREACHABLE: 3,
  SOURCE_QUENCH: 4,
  REDIRECT: 5,
  ECHO_REQUEST: 8,
  TIME_EXCEEDED: 11,
  PARAMETER_PROBLEM: 12,
} as const;

/** Codes of ICMP destination unreachable. */
export const ICMP_UNREACH = {
  NET: 0,
  HOST: 1,
  PROTOCOL: 2,
  PORT: 3,
  FRAG_NEEDED: 4,
  ADMIN_PROHIBITED: 13,
} as const;

export const ICMPV6_TYPE = {
  DEST_UNREACHABLE: 1,
  PACKET_TOO_BIG: 2,
  TIME_EXCEEDED: 3,
  PARAMETER_PROBLEM: 4,
  ECHO_REQUEST: 128,
  ECHO_REPLY: 129,
  ROUTER_SOLICITATION: 133,
  ROUTER_ADVERTISEMENT: 134,
  NEIGHBOR_SOLICITATION: 135,
  NEIGHBOR_ADVERTISEMENT: 136,
  REDIRECT: 137,
} as const;

/** Neighbour discovery option types. */
export const ND_OPTION = { SOURCE_LINK_ADDRESS: 1, TARGET_LINK_ADDRESS: 2 } as const;

/** Flags in the first byte after the NA header (as on the wire). */
export const ND_NA_FLAG = { ROUTER: 0x80, SOLICITED: 0x40, OVERRIDE: 0x20 } as const;

export const VRRP_AUTH = { NONE: 0, SIMPLE_TEXT: 1, IP_AH: 2 } as const;
