// One decoded frame as seen at one vantage point, with its packet hashes.

import type { Mac } from '../decode/addresses.js';
import type { Frame } from '../decode/frame-types.js';
import type { PacketHashes } from './packet-hash.js';

export type Sighting = {
  /** Index of the capture (vantage point) in the analysis. */
  readonly capture: number;
  readonly frame: Frame;
  readonly hashes: PacketHashes;
  /** Capture clock in seconds (float), before clock-offset correction. */
  readonly t: number;
};

export function srcMacOf(s: Sighting): Mac | undefined {
  const link = s.frame.link;
  return link && link.kind !== 'none' ? link.src : undefined;
}

export function dstMacOf(s: Sighting): Mac | undefined {
  const link = s.frame.link;
  return link?.kind === 'ethernet' ? link.dst : undefined;
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
