// One decoded frame as seen at one vantage point, with its packet hashes (in the record
// itself: a busy director's windows hold ~10⁵ sightings, and an object less each counts).

import type { Mac } from '../decode/addresses.js';
import type { Frame } from '../decode/frame-types.js';
import type { PacketHashes } from './packet-hash.js';

export type Sighting = PacketHashes & {
  /** Index of the capture (vantage point) in the analysis. */
  readonly capture: number;
  readonly frame: Frame;
  /** Capture clock in seconds (float), before clock-offset correction. */
  readonly t: number;
};

/** The one way sightings are made, so they all share one shape. */
export function sightingRecord(
  capture: number, frame: Frame, t: number, identity: number, invariant: number, invariantSpan: number, ipChecksumOk: boolean | undefined,
): Sighting {
  return { capture, frame, t, identity, invariant, invariantSpan, ipChecksumOk };
}

export function makeSighting(capture: number, frame: Frame, t: number, h: PacketHashes): Sighting {
  return sightingRecord(capture, frame, t, h.identity, h.invariant, h.invariantSpan, h.ipChecksumOk);
}

export function srcMacOf(s: Sighting): Mac | undefined {
  const link = s.frame.link;
  return link && link.kind !== 'none' ? link.src : undefined;
}

/** The destination MAC: an Ethernet frame's, or a received cooked frame's once its host's own MAC is known. */
export function dstMacOf(s: Sighting): Mac | undefined {
  const link = s.frame.link;
  return link === undefined || link.kind === 'none' ? undefined : link.dst;
}

/** SLL/SLL2 "outgoing" packet type: the capture host sent it. */
export function isOutgoingCooked(s: Sighting): boolean {
  const link = s.frame.link;
  return (link?.kind === 'sll' || link?.kind === 'sll2') && link.packetType === 4;
}

export function isMulticastMac(mac: Mac): boolean {
  // The group bit is the lowest bit of the first octet.
  return Math.floor(mac / 0x10000000000) % 2 === 1;
}

/**
 * Whether two sightings with equal identity hashes are the same packet: the fields the hash
 * covers are compared, so a 32-bit collision (likely among the ~10⁵ packets of a busy
 * window) never pairs two packets. Destination address and port are left out on purpose,
 * as in the hash.
 */
export function samePacket(a: Sighting, b: Sighting): boolean {
  const fa = a.frame, fb = b.frame;
  const ipA = fa.ip, ipB = fb.ip;
  if (ipA !== undefined || ipB !== undefined) {
    if (ipA === undefined || ipB === undefined) return false;
    if (ipA.src !== ipB.src || ipA.protocol !== ipB.protocol || ipA.version !== ipB.version) return false;
    if (ipA.version === 4 && ipB.version === 4 && (ipA.id !== ipB.id || ipA.fragmentOffset !== ipB.fragmentOffset)) return false;
    return sameTransport(fa.l4, fb.l4);
  }
  const arpA = fa.arp, arpB = fb.arp;
  return arpA !== undefined && arpB !== undefined && arpA.op === arpB.op && arpA.sha === arpB.sha
    && arpA.spa === arpB.spa && arpA.tha === arpB.tha && arpA.tpa === arpB.tpa;
}

function sameTransport(a: Frame['l4'], b: Frame['l4']): boolean {
  if (a === undefined || b === undefined) return a === b;
  switch (a.kind) {
    case 'tcp':
      return b.kind === 'tcp' && a.sport === b.sport && a.seq === b.seq && a.ack === b.ack && a.flags === b.flags
        && a.payloadLength === b.payloadLength;
    case 'udp':
      return b.kind === 'udp' && a.sport === b.sport && a.payloadLength === b.payloadLength;
    case 'icmp': case 'icmpv6':
      return b.kind === a.kind && a.type === b.type && a.code === b.code && a.echoId === b.echoId && a.echoSeq === b.echoSeq
        && a.embedded?.id === b.embedded?.id && a.embedded?.sport === b.embedded?.sport && a.embedded?.seq === b.embedded?.seq;
    case 'vrrp':
      return b.kind === 'vrrp' && a.vrid === b.vrid && a.priority === b.priority;
  }
}
