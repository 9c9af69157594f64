// What every layer decoder returns. A decoder reads `bytes` from `offset` and may look at
// bytes up to `end`, the length the enclosing layer declares (frame length, IP total length);
// reads are additionally bounded by `bytes.length`, what was captured.

import type { DecodeCause, DecodeIssue, DecodeLayer } from './issues.js';

/** Every issue code the decoders emit. Stable: tests and JSON consumers use them. */
export const DECODE_ISSUE_CODES = [
  'link.unsupported-linktype',
  'link.truncated',
  'link.bad-ip-version',
  'ethernet.truncated',
  'vlan.truncated',
  'vlan.too-many-tags',
  'sll.truncated',
  'sll2.truncated',
  'null.truncated',
  'null.unsupported-family',
  'arp.truncated',
  'arp.unsupported-hw-proto',
  'ipv4.truncated',
  'ipv4.bad-version',
  'ipv4.bad-header-length',
  'ipv4.bad-total-length',
  'ipv4.total-length-exceeds-frame',
  'ipv6.truncated',
  'ipv6.bad-version',
  'ipv6.extension-truncated',
  'ipv6.too-many-extension-headers',
  'ipv6.payload-length-exceeds-frame',
  'tcp.truncated',
  'tcp.bad-data-offset',
  'tcp.bad-option',
  'udp.truncated',
  'udp.bad-length',
  'icmp.truncated',
  'icmpv6.truncated',
  'icmpv6.bad-option',
  'vrrp.truncated',
  'vrrp.unsupported-version',
] as const satisfies readonly `${DecodeLayer}.${string}`[];

export type DecodeIssueCode = (typeof DECODE_ISSUE_CODES)[number];

export type Decoded<T> = {
  readonly ok: true;
  readonly value: T;
  /** Offset just past this layer's header. */
  readonly next: number;
  /** A problem found after the header itself was read (e.g. a bad TCP option); decoding may go on. */
  readonly issue: DecodeIssue | undefined;
};

export type DecodeFailure = { readonly ok: false; readonly issue: DecodeIssue };

export type DecodeResult<T> = Decoded<T> | DecodeFailure;

export function decoded<T>(value: T, next: number, issue?: DecodeIssue): Decoded<T> {
  return { ok: true, value, next, issue };
}

export function makeIssue(code: DecodeIssueCode, cause: DecodeCause, offset: number): DecodeIssue {
  // The prefix is a DecodeLayer: DECODE_ISSUE_CODES is checked against that pattern above.
  const layer = code.slice(0, code.indexOf('.')) as DecodeLayer;
  return { code, layer, cause, offset };
}

export function failure(code: DecodeIssueCode, cause: DecodeCause, offset: number): DecodeFailure {
  return { ok: false, issue: makeIssue(code, cause, offset) };
}

/**
 * Why `needEnd` bytes are not available: beyond the declared `end` the packet contradicts
 * itself; within it but beyond what was captured, the capture cut it. The dispatcher turns
 * `snaplen` into `malformed` when the frame was captured whole.
 */
export function shortCause(needEnd: number, end: number): DecodeCause {
  return needEnd > end ? 'malformed' : 'snaplen';
}

export function truncated(code: DecodeIssueCode, offset: number, needEnd: number, end: number): DecodeFailure {
  return failure(code, shortCause(needEnd, end), offset);
}
