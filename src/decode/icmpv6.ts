// ICMPv6 (RFC 4443) and neighbour discovery (RFC 4861): errors with their quoted packet, the
// Packet Too Big MTU, echo identifiers, and NS / NA targets, flags and link-layer addresses.

import { type Mac, ipv6At, macAt } from './addresses.js';
import { readableEnd, u16, u32 } from './bytes.js';
import { ICMPV6_TYPE, ND_OPTION } from './constants.js';
import type { Icmpv6Message, NdOptionLinkAddress } from './frame-types.js';
import type { DecodeIssue } from './issues.js';
import { readQuotedIpv6 } from './quoted-packet.js';
import { type DecodeResult, decoded, makeIssue, shortCause, truncated } from './result.js';

const OFF = {
  TYPE: 0, CODE: 1, CHECKSUM: 2, ECHO_ID: 4, ECHO_SEQ: 6, MTU: 4, QUOTE: 8,
  ND_FLAGS: 4, ND_TARGET: 8, ND_OPTIONS: 24,
} as const;
const OPT_OFF = { TYPE: 0, LENGTH: 1, LINK_ADDRESS: 2 } as const;
export const ICMPV6_HEADER_LENGTH = 4;
/** Errors and echo messages carry 4 more bytes; NS / NA a 4-byte field and a 16-byte target. */
const BODY_LENGTH = 8;
const ND_HEADER_LENGTH = 24;
const ND_OPTION_UNIT = 8;
/** A 1280-byte packet holds at most 157 options of 8 bytes; anything past 32 is not ND as sent by hosts. */
export const MAX_ND_OPTIONS = 32;

function requiredLength(type: number): number {
  if (type === ICMPV6_TYPE.NEIGHBOR_SOLICITATION || type === ICMPV6_TYPE.NEIGHBOR_ADVERTISEMENT) return ND_HEADER_LENGTH;
  if (type <= ICMPV6_TYPE.PARAMETER_PROBLEM || type === ICMPV6_TYPE.ECHO_REQUEST || type === ICMPV6_TYPE.ECHO_REPLY) {
    return BODY_LENGTH;
  }
  return ICMPV6_HEADER_LENGTH;
}

/**
 * `end` is the declared end of the IP packet. A bad or cut ND option stops the option walk: the
 * message is kept with the addresses read so far and the problem returned in `issue`.
 */
export function decodeIcmpv6(b: Uint8Array, off: number, end: number): DecodeResult<Icmpv6Message> {
  const avail = readableEnd(b, end);
  if (off + ICMPV6_HEADER_LENGTH > avail) return truncated('icmpv6.truncated', off, off + ICMPV6_HEADER_LENGTH, end);
  const type = b[off + OFF.TYPE]!;
  const next = off + requiredLength(type);
  if (next > avail) return truncated('icmpv6.truncated', off, next, end);

  const isError = type <= ICMPV6_TYPE.PARAMETER_PROBLEM && type !== 0;
  const isEcho = type === ICMPV6_TYPE.ECHO_REQUEST || type === ICMPV6_TYPE.ECHO_REPLY;
  const isNs = type === ICMPV6_TYPE.NEIGHBOR_SOLICITATION;
  const isNa = type === ICMPV6_TYPE.NEIGHBOR_ADVERTISEMENT;
  let linkAddresses: NdOptionLinkAddress[] | undefined;
  let issue: DecodeIssue | undefined;
  if (isNs || isNa) {
    // Each step advances by at least 8 bytes (length 0 stops the walk), and the count is capped.
    let p = next;
    for (let count = 0; p < end && count < MAX_ND_OPTIONS; count++) {
      if (p + 2 > avail) {
        issue = optionCutIssue(p + 2, end, off);
        break;
      }
      const length = b[p + OPT_OFF.LENGTH]! * ND_OPTION_UNIT;
      if (length === 0) {
        issue = makeIssue('icmpv6.bad-option', 'malformed', off);
        break;
      }
      if (p + length > avail) {
        issue = optionCutIssue(p + length, end, off);
        break;
      }
      const optionType = b[p + OPT_OFF.TYPE]!;
      if (optionType === ND_OPTION.SOURCE_LINK_ADDRESS || optionType === ND_OPTION.TARGET_LINK_ADDRESS) {
        const mac: Mac = macAt(b, p + OPT_OFF.LINK_ADDRESS);
        (linkAddresses ??= []).push({ type: optionType, mac });
      }
      p += length;
    }
  }

  const message: Icmpv6Message = {
    kind: 'icmpv6',
    offset: off,
    type,
    code: b[off + OFF.CODE]!,
    checksum: u16(b, off + OFF.CHECKSUM),
    echoId: isEcho ? u16(b, off + OFF.ECHO_ID) : undefined,
    echoSeq: isEcho ? u16(b, off + OFF.ECHO_SEQ) : undefined,
    mtu: type === ICMPV6_TYPE.PACKET_TOO_BIG ? u32(b, off + OFF.MTU) : undefined,
    embedded: isError ? readQuotedIpv6(b, off + OFF.QUOTE, avail) : undefined,
    ndTarget: isNs || isNa ? ipv6At(b, off + OFF.ND_TARGET) : undefined,
    ndFlags: isNa ? b[off + OFF.ND_FLAGS]! : undefined,
    ndLinkAddresses: linkAddresses,
  };
  return decoded(message, next, issue);
}

/** An option running past the packet is bad; one running past the capture was cut. */
function optionCutIssue(needEnd: number, end: number, off: number): DecodeIssue {
  const cause = shortCause(needEnd, end);
  return makeIssue(cause === 'malformed' ? 'icmpv6.bad-option' : 'icmpv6.truncated', cause, off);
}
