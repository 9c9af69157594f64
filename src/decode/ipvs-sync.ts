// IPVS connection synchronisation messages: the UDP datagrams a master director's kernel
// sends to its backups (224.0.0.81:8848 by default) listing the connection entries it
// created or changed (linux net/netfilter/ipvs/ip_vs_sync.c, message versions 0 and 1).
// Recognised only when the header agrees with the datagram, as the receiving kernel demands
// (ip_vs_process_message: size equal to the datagram's payload length).

import { ipv4At, ipv6At } from './addresses.js';
import { readableEnd, u16, u32 } from './bytes.js';
import type { IpvsSyncConnection, IpvsSyncMessage } from './frame-types.js';

/** IP_VS_SYNC_PORT: the default port; keepalived and ipvsadm can set another. */
export const IPVS_SYNC_PORT = 8848;

const HEADER = { V1_RESERVED: 0, SYNCID: 1, SIZE: 2, V1_COUNT: 4, V1_VERSION: 5, V0_COUNT: 0 } as const;
const V1_HEADER_LENGTH = 8;
const V0_HEADER_LENGTH = 4;
const SYNC_PROTO_VER = 1;

/** struct ip_vs_sync_v4 / ip_vs_sync_v6 (version 1 entries). */
const V1 = {
  TYPE: 0, PROTOCOL: 1, VER_SIZE: 2, FLAGS: 4, STATE: 8, CPORT: 10, VPORT: 12, DPORT: 14, TIMEOUT: 20, ADDRESSES: 24,
} as const;
const STYPE_F_INET6 = 1;
const SVER_SHIFT = 12;
const SVER_MASK = 0x0fff;
const V1_ENTRY_V4 = V1.ADDRESSES + 3 * 4;
const V1_ENTRY_V6 = V1.ADDRESSES + 3 * 16;

/** struct ip_vs_sync_conn_v0, followed by two struct ip_vs_seq (24 bytes) when the flags say so. */
const V0 = { PROTOCOL: 1, CPORT: 2, VPORT: 4, DPORT: 6, CADDR: 8, VADDR: 12, DADDR: 16, FLAGS: 20, STATE: 22 } as const;
const V0_ENTRY = 24;
const V0_SEQ_OPTIONS = 24;
const IP_VS_CONN_F_SEQ_MASK = 0x0600;

/**
 * The sync message in the UDP payload at `off` (`length` bytes as declared), or undefined when
 * the bytes are not one. Entries cut off by the snap length are left out; `count` still says
 * how many the message carried.
 */
export function decodeIpvsSync(b: Uint8Array, off: number, length: number): IpvsSyncMessage | undefined {
  const end = off + length;
  const avail = readableEnd(b, end);
  if (off + V0_HEADER_LENGTH > avail || u16(b, off + HEADER.SIZE) !== length) return undefined;
  const syncid = b[off + HEADER.SYNCID]!;
  // A version 1 message starts with zero, which version 0 receivers read as "no entries".
  if (b[off + HEADER.V1_RESERVED] !== 0) return version0(b, off, avail, syncid, length);
  if (off + V1_HEADER_LENGTH > avail || b[off + HEADER.V1_VERSION] !== SYNC_PROTO_VER) return undefined;
  const count = b[off + HEADER.V1_COUNT]!;
  const connections: IpvsSyncConnection[] = [];
  let q = off + V1_HEADER_LENGTH;
  for (let i = 0; i < count; i++) {
    if (q + V1.ADDRESSES > avail) break;
    const verSize = u16(b, q + V1.VER_SIZE);
    const inet6 = (b[q + V1.TYPE]! & STYPE_F_INET6) !== 0;
    const size = verSize & SVER_MASK;
    if (verSize >> SVER_SHIFT !== 0 || size < (inet6 ? V1_ENTRY_V6 : V1_ENTRY_V4) || q + size > end) break;
    if (q + (inet6 ? V1_ENTRY_V6 : V1_ENTRY_V4) > avail) break;
    const at = inet6 ? ipv6At : ipv4At, step = inet6 ? 16 : 4, a = q + V1.ADDRESSES;
    connections.push({
      protocol: b[q + V1.PROTOCOL]!,
      client: at(b, a), clientPort: u16(b, q + V1.CPORT),
      vip: at(b, a + step), vport: u16(b, q + V1.VPORT),
      server: at(b, a + 2 * step), serverPort: u16(b, q + V1.DPORT),
      state: u16(b, q + V1.STATE), flags: u32(b, q + V1.FLAGS), timeout: u32(b, q + V1.TIMEOUT),
    });
    // Entries start on 32-bit boundaries of the message (options are padded).
    q = off + ((q - off + size + 3) & ~3);
  }
  return { version: 1, syncid, size: length, count, connections };
}

function version0(b: Uint8Array, off: number, avail: number, syncid: number, length: number): IpvsSyncMessage {
  const count = b[off + HEADER.V0_COUNT]!;
  const connections: IpvsSyncConnection[] = [];
  let q = off + V0_HEADER_LENGTH;
  for (let i = 0; i < count && q + V0_ENTRY <= avail; i++) {
    const flags = u16(b, q + V0.FLAGS);
    connections.push({
      protocol: b[q + V0.PROTOCOL]!,
      client: ipv4At(b, q + V0.CADDR), clientPort: u16(b, q + V0.CPORT),
      vip: ipv4At(b, q + V0.VADDR), vport: u16(b, q + V0.VPORT),
      server: ipv4At(b, q + V0.DADDR), serverPort: u16(b, q + V0.DPORT),
      state: u16(b, q + V0.STATE), flags, timeout: undefined,
    });
    q += V0_ENTRY + (flags & IP_VS_CONN_F_SEQ_MASK ? V0_SEQ_OPTIONS : 0);
  }
  return { version: 0, syncid, size: length, count, connections };
}
