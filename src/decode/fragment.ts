// Where a packet sits in a fragmented datagram, the same for IPv4 and IPv6.

import type { IpHeader } from './frame-types.js';

export type FragmentPosition = {
  /** IPv4: the IP ID; IPv6: the fragment header's identification. */
  readonly id: number;
  /** Byte offset of this fragment's data in the datagram. */
  readonly offset: number;
  readonly moreFragments: boolean;
};

/** The fragment position of `ip`, or undefined when it is a whole datagram (an IPv6 fragment header always counts). */
export function fragmentOf(ip: IpHeader): FragmentPosition | undefined {
  if (ip.version === 6) return ip.fragment;
  if (!ip.moreFragments && ip.fragmentOffset === 0) return undefined;
  return { id: ip.id, offset: ip.fragmentOffset, moreFragments: ip.moreFragments };
}
