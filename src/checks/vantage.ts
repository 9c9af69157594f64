// Where a sighting sits on the DR path, from the capture's own MAC and the frame's link
// layer. Cooked captures (SLL/SLL2) carry a direction instead of a destination MAC.

import type { Mac } from '../decode/addresses.js';
import { dstMacOf, srcMacOf, type Sighting } from '../correlate/sighting.js';
import { macsOf, type TopologyView } from '../correlate/topology.js';
import type { CaptureView } from './check-api.js';

/**
 * The MACs whose traffic a capture holds: its host's on the captured interface, or every
 * interface of its host for a cooked capture (tcpdump -i any).
 */
export function macsCapturedBy(c: CaptureView): Mac[] {
  if (c.linkKind === 'cooked' && c.host) return macsOf(c.host);
  return c.hostMac !== undefined ? [c.hostMac] : [];
}

/** The frame was received by the capture's host. */
export function isInbound(s: Sighting, c: CaptureView): boolean {
  const link = s.frame.link;
  if (!link) return false;
  if (link.kind === 'ethernet') return c.hostMac !== undefined && link.dst === c.hostMac;
  if (link.kind === 'sll' || link.kind === 'sll2') return link.packetType === 0;
  return false;
}

/** The frame was sent by the capture's host. */
export function isOutbound(s: Sighting, c: CaptureView): boolean {
  const link = s.frame.link;
  if (!link) return false;
  if (link.kind === 'ethernet') return c.hostMac !== undefined && link.src === c.hostMac;
  if (link.kind === 'sll' || link.kind === 'sll2') return link.packetType === 4;
  return false;
}

/** The director MAC a frame was addressed to (a director's "in" copy), if any. */
export function directorReceiving(s: Sighting, captures: readonly CaptureView[], t: TopologyView): Mac | undefined {
  const dst = dstMacOf(s);
  if (dst !== undefined) return t.isDirectorMac(dst) ? dst : undefined;
  const c = captures[s.capture]!;
  return c.role === 'director' && isInbound(s, c) ? c.hostMac : undefined;
}

/** The director MAC that sent a frame on (a director's "out" copy), if any. */
export function directorSending(s: Sighting, t: TopologyView): Mac | undefined {
  const src = srcMacOf(s);
  return t.isDirectorMac(src) ? src : undefined;
}

export function capturesWithRole(captures: readonly CaptureView[], role: CaptureView['role']): CaptureView[] {
  return captures.filter((c) => c.role === role);
}

export function hasLinkAddresses(captures: readonly CaptureView[]): boolean {
  return captures.some((c) => c.linkKind === 'ethernet' || c.linkKind === 'cooked');
}
