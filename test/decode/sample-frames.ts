// Real-world-shaped frames from a one-network LVS-DR setup, built with packet-bytes.ts.
// Field values follow what Linux, IPVS and keepalived put on the wire (docs: dr-wire-spec).
// The bytes were cross-checked with `tshark -V` (all checksums good, nothing malformed).

import {
  type Bytes, TCP, arp, echoRest, ethernet, fragNeededRest, icmp, icmpv6, ipv4, ipv6, ndBody, ndLinkOption,
  nullLink, sll2, tcp, tcpOptions, udp, vlan, vrrp,
} from '../support/packet-bytes.js';

export const HOST = {
  ROUTER_MAC: '52:54:00:00:00:01',
  DIRECTOR_MAC: '52:54:00:00:00:0d',
  RS1_MAC: '52:54:00:00:00:11',
  CLIENT_IP: '198.51.100.7',
  DIRECTOR_IP: '192.0.2.11',
  VIP: '192.0.2.100',
  VIP6: '2001:db8:100::100',
  DIRECTOR_LL6: 'fe80::5054:ff:fe00:d',
} as const;

export const SYN = { sport: 51234, dport: 80, seq: 0x9a1b2c3d, tsVal: 0x0badcafe, mss: 1460, windowScale: 7 } as const;

function synSegment(): Bytes {
  return tcp({
    sport: SYN.sport, dport: SYN.dport, seq: SYN.seq, flags: TCP.SYN, window: 64240,
    options: tcpOptions({ mss: SYN.mss, sackPermitted: true, timestamps: [SYN.tsVal, 0], windowScale: SYN.windowScale }),
  });
}

/** The client's SYN to the VIP as the director receives it (one router hop away). */
export function clientSynPacket(ttl = 63): Bytes {
  return ipv4({ src: HOST.CLIENT_IP, dst: HOST.VIP, protocol: 6, ttl, id: 0x1c46, dontFragment: true, payload: synSegment() });
}

export function clientSynFrame(): Bytes {
  return ethernet({ src: HOST.ROUTER_MAC, dst: HOST.DIRECTOR_MAC, etherType: 0x0800, payload: clientSynPacket() });
}

/** The same SYN after IPVS DR forwarding: new MACs, TTL − 1 (and so a new IP checksum), all else equal. */
export function forwardedSynFrame(): Bytes {
  return ethernet({ src: HOST.DIRECTOR_MAC, dst: HOST.RS1_MAC, etherType: 0x0800, payload: clientSynPacket(62) });
}

/** keepalived's gratuitous ARP for the VIP: a broadcast request with spa = tpa = VIP. */
export function gratuitousArpFrame(): Bytes {
  return ethernet({
    dst: 'ff:ff:ff:ff:ff:ff', src: HOST.DIRECTOR_MAC, etherType: 0x0806, padTo: 60,
    payload: arp({ op: 1, sha: HOST.DIRECTOR_MAC, spa: HOST.VIP, tha: 'ff:ff:ff:ff:ff:ff', tpa: HOST.VIP }),
  });
}

/** keepalived's default VRRPv2 advertisement: vrid 51, priority 100, one VIP, no auth, 1 s. */
export function vrrpAdvertFrame(): Bytes {
  return ethernet({
    dst: '01:00:5e:00:00:12', src: HOST.DIRECTOR_MAC, etherType: 0x0800, padTo: 60,
    payload: ipv4({
      src: HOST.DIRECTOR_IP, dst: '224.0.0.18', protocol: 112, ttl: 255, tos: 0xc0,
      payload: vrrp({ vrid: 51, priority: 100, addresses: [HOST.VIP], authType: 0, interval: 1 }),
    }),
  });
}

/** "Fragmentation needed, next-hop MTU 1400" from the VIP, quoting the client's SYN (header + 8 bytes). */
export function fragNeededFrame(): Bytes {
  const quote = clientSynPacket().subarray(0, 20 + 8);
  return ethernet({
    src: HOST.DIRECTOR_MAC, dst: HOST.ROUTER_MAC, etherType: 0x0800,
    payload: ipv4({
      src: HOST.VIP, dst: HOST.CLIENT_IP, protocol: 1, ttl: 64, tos: 0xc0,
      payload: icmp({ type: 3, code: 4, rest: fragNeededRest(1400), payload: quote }),
    }),
  });
}

/** keepalived's unsolicited NA for the IPv6 VIP: to all-nodes, override flag, target link-layer address. */
export function unsolicitedNaFrame(): Bytes {
  return ethernet({
    dst: '33:33:00:00:00:01', src: HOST.DIRECTOR_MAC, etherType: 0x86dd,
    payload: ipv6({
      src: HOST.DIRECTOR_LL6, dst: 'ff02::1', nextHeader: 58, hopLimit: 255,
      payload: icmpv6({
        type: 136, body: ndBody({ flags: 0x20, target: HOST.VIP6, options: [ndLinkOption(2, HOST.DIRECTOR_MAC)] }),
      }),
    }),
  });
}

/** The client's SYN inside an 802.1ad service tag 100 and an 802.1Q customer tag 200. */
export function qinqSynFrame(): Bytes {
  return ethernet({
    src: HOST.ROUTER_MAC, dst: HOST.DIRECTOR_MAC, etherType: 0x88a8,
    payload: vlan({ id: 100, pcp: 3, etherType: 0x8100, payload: vlan({ id: 200, dei: true, etherType: 0x0800, payload: clientSynPacket() }) }),
  });
}

/** The forwarded SYN as `tcpdump -i any` shows it on the director: SLL2, outgoing, ifindex 4. */
export function sll2OutgoingSynFrame(): Bytes {
  return sll2({ protocol: 0x0800, ifindex: 4, packetType: 4, address: HOST.DIRECTOR_MAC, payload: clientSynPacket(62) });
}

/** A ping over the loopback of a little- or big-endian BSD host (LINKTYPE_NULL). */
export function nullPingFrame(byteOrder: 'le' | 'be'): Bytes {
  return nullLink({
    family: 2, byteOrder,
    payload: ipv4({ src: '127.0.0.1', dst: '127.0.0.1', protocol: 1, payload: icmp({ type: 8, rest: echoRest(0x1234, 7), payload: new Uint8Array(8) }) }),
  });
}

/** A DNS-looking query: UDP over IPv6. */
export function udp6Frame(): Bytes {
  return ethernet({
    etherType: 0x86dd,
    payload: ipv6({ nextHeader: 17, payload: udp({ sport: 40000, dport: 53, payload: new Uint8Array(12) }) }),
  });
}
