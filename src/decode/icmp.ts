// ICMP for IPv4 (RFC 792, RFC 1191): echo identifiers, the next-hop MTU of "fragmentation
// needed", and the quoted datagram of error messages.

import { readableEnd, u16 } from './bytes.js';
import { ICMP_TYPE, ICMP_UNREACH } from './constants.js';
import type { IcmpMessage } from './frame-types.js';
import { readQuotedIpv4 } from './quoted-packet.js';
import { type DecodeResult, decoded, truncated } from './result.js';

const OFF = { TYPE: 0, CODE: 1, CHECKSUM: 2, ECHO_ID: 4, ECHO_SEQ: 6, NEXT_HOP_MTU: 6, QUOTE: 8 } as const;
export const ICMP_HEADER_LENGTH = 8;

function isError(type: number): boolean {
  switch (type) {
    case ICMP_TYPE.DEST_UNREACHABLE: case ICMP_TYPE.SOURCE_QUENCH: case ICMP_TYPE.REDIRECT:
    case ICMP_TYPE.TIME_EXCEEDED: case ICMP_TYPE.PARAMETER_PROBLEM:
      return true;
    default:
      return false;
  }
}

/** `end` is the declared end of the IP packet. */
export function decodeIcmp(b: Uint8Array, off: number, end: number): DecodeResult<IcmpMessage> {
  const avail = readableEnd(b, end);
  const next = off + ICMP_HEADER_LENGTH;
  if (next > avail) return truncated('icmp.truncated', off, next, end);
  const type = b[off + OFF.TYPE]!;
  const code = b[off + OFF.CODE]!;
  const isEcho = type === ICMP_TYPE.ECHO_REQUEST || type === ICMP_TYPE.ECHO_REPLY;
  const isFragNeeded = type === ICMP_TYPE.DEST_UNREACHABLE && code === ICMP_UNREACH.FRAG_NEEDED;
  const message: IcmpMessage = {
    kind: 'icmp',
    offset: off,
    type,
    code,
    checksum: u16(b, off + OFF.CHECKSUM),
    echoId: isEcho ? u16(b, off + OFF.ECHO_ID) : undefined,
    echoSeq: isEcho ? u16(b, off + OFF.ECHO_SEQ) : undefined,
    mtu: isFragNeeded ? u16(b, off + OFF.NEXT_HOP_MTU) : undefined,
    embedded: isError(type) ? readQuotedIpv4(b, off + OFF.QUOTE, avail) : undefined,
  };
  return decoded(message, next);
}
