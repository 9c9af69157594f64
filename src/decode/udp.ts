// UDP header (RFC 768).

import { readableEnd, u16 } from './bytes.js';
import { decodeIpvsSync, IPVS_SYNC_PORT } from './ipvs-sync.js';
import type { UdpDatagram } from './frame-types.js';
import { PackedUdp } from './packed-headers.js';
import type { DecodeIssue } from './issues.js';
import { type DecodeFailure, type DecodeResult, decoded, makeIssue, truncated } from './result.js';

const OFF = { SPORT: 0, DPORT: 2, LENGTH: 4, CHECKSUM: 6 } as const;
export const UDP_HEADER_LENGTH = 8;
const MAX_UDP_LENGTH = 0xffff;

/** The length problem found by the last readUdp() call (decodeUdp's `issue`). */
let lengthIssue: DecodeIssue | undefined;

/**
 * `end` is the declared end of the IP packet. A length field that disagrees with it is
 * reported in `issue` and the IP length is used instead (length 0 is a jumbogram's mark).
 */
export function decodeUdp(b: Uint8Array, off: number, end: number): DecodeResult<UdpDatagram> {
  const r = readUdp(b, off, end);
  return 'ok' in r ? r : decoded(r, r.payloadOffset, lengthIssue);
}

/** decodeUdp's issue for the datagram readUdp() returned last. */
export function udpLengthIssue(): DecodeIssue | undefined {
  return lengthIssue;
}

/** Where the UDP datagram at `off` says it ends, when that is past `end` (a first fragment); else `end`. */
export function udpDatagramEnd(b: Uint8Array, off: number, end: number): number {
  if (off + OFF.LENGTH + 2 > readableEnd(b, end)) return end;
  const length = u16(b, off + OFF.LENGTH);
  return off + length > end ? off + length : end;
}

/** decodeUdp without the result wrapper (decodeFrame's path, run for every frame); `packed` as in readIpv4. */
export function readUdp(b: Uint8Array, off: number, end: number, packed = false): UdpDatagram | DecodeFailure {
  lengthIssue = undefined;
  const next = off + UDP_HEADER_LENGTH;
  if (next > readableEnd(b, end)) return truncated('udp.truncated', off, next, end);
  const length = u16(b, off + OFF.LENGTH);
  const declared = end - off;
  let payloadLength = length - UDP_HEADER_LENGTH;
  if (length < UDP_HEADER_LENGTH || length > declared) {
    payloadLength = declared - UDP_HEADER_LENGTH;
    const isJumbogram = length === 0 && declared > MAX_UDP_LENGTH;
    if (!isJumbogram) lengthIssue = makeIssue('udp.bad-length', 'malformed', off);
  }
  const dport = u16(b, off + OFF.DPORT);
  const ipvsSync = dport === IPVS_SYNC_PORT ? decodeIpvsSync(b, next, payloadLength) : undefined;
  if (packed) return new PackedUdp(b, off, payloadLength, ipvsSync);
  const datagram: UdpDatagram = {
    kind: 'udp',
    offset: off,
    sport: u16(b, off + OFF.SPORT),
    dport,
    length,
    checksum: u16(b, off + OFF.CHECKSUM),
    payloadOffset: next,
    payloadLength,
    ...(ipvsSync ? { ipvsSync } : {}),
  };
  return datagram;
}
