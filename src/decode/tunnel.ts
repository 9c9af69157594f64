// The encapsulations an LVS-TUN director uses: IP in IP (protocol 4 or 41) and GRE (47, with
// `ipvsadm --tun-type gre`). Shared by the frame decoder and by ICMP quotes of tunnelled packets.

import { ETHERTYPE, IPPROTO } from './constants.js';

/** GRE (RFC 2784/2890) header flags; version 0 only (1 is PPTP's enhanced GRE). */
const GRE_CHECKSUM = 0x8000, GRE_ROUTING = 0x4000, GRE_KEY = 0x2000, GRE_SEQUENCE = 0x1000, GRE_VERSION = 0x0007;
const GRE_MIN_HEADER_LENGTH = 4;

export type TunnelPayload = { readonly off: number; readonly version: 4 | 6 };

export function isTunnelProtocol(protocol: number): boolean {
  return protocol === IPPROTO.IPIP || protocol === IPPROTO.IPV6 || protocol === IPPROTO.GRE;
}

/**
 * Where the inner IP header starts and its version, for an IP packet of `protocol` whose payload
 * starts at `off` (readable up to `end`); undefined when it carries something else: GRE of another
 * version or payload protocol, or a GRE header that is cut.
 */
export function tunnelPayload(b: Uint8Array, off: number, end: number, protocol: number): TunnelPayload | undefined {
  if (protocol === IPPROTO.IPIP) return { off, version: 4 };
  if (protocol === IPPROTO.IPV6) return { off, version: 6 };
  if (protocol !== IPPROTO.GRE || off + GRE_MIN_HEADER_LENGTH > Math.min(b.length, end)) return undefined;
  const flags = (b[off]! << 8) | b[off + 1]!, etherType = (b[off + 2]! << 8) | b[off + 3]!;
  if ((flags & (GRE_VERSION | GRE_ROUTING)) !== 0) return undefined;
  const length = GRE_MIN_HEADER_LENGTH + (flags & GRE_CHECKSUM ? 4 : 0) + (flags & GRE_KEY ? 4 : 0) + (flags & GRE_SEQUENCE ? 4 : 0);
  if (etherType === ETHERTYPE.IPV4) return { off: off + length, version: 4 };
  if (etherType === ETHERTYPE.IPV6) return { off: off + length, version: 6 };
  return undefined;
}
