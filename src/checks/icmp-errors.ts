// The ICMP and ICMPv6 errors several checks tell apart, named once.

import type { IcmpMessage, Icmpv6Message } from '../decode/frame-types.js';

/** ICMP 3/3, ICMPv6 1/4. */
export function isPortUnreachable(m: IcmpMessage | Icmpv6Message): boolean {
  return m.kind === 'icmp' ? m.type === 3 && m.code === 3 : m.type === 1 && m.code === 4;
}

/** ICMP 11, ICMPv6 3. */
export function isTimeExceeded(m: IcmpMessage | Icmpv6Message): boolean {
  return m.kind === 'icmp' ? m.type === 11 : m.type === 3;
}
