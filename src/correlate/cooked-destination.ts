// Linux cooked captures (tcpdump -i any) keep the sender's MAC and a direction, not the
// destination MAC. A frame the capture host received for itself (packet type 0, "host") was
// addressed to that host's own MAC on the interface it arrived on, and the host's outgoing
// frames (packet type 4) name that MAC as their sender. So once a capture has sent a frame on
// an interface, the frames it receives there get their destination back: the director's
// forwarded copy at a real server, the router's delivery at the director.

import type { Mac } from '../decode/addresses.js';
import type { CookedLink, Frame } from '../decode/frame-types.js';
import { isMulticastMac } from './sighting.js';

const PACKET_HOST = 0, PACKET_OUTGOING = 4;
/** SLL v1 has no interface index: its frames share one key. */
const NO_IFINDEX = -1;
/** A host with more interfaces than this is not worth remembering every one of. */
const MAX_INTERFACES = 64;

export type CookedDestinations = {
  /** The frame, with the destination MAC of a received cooked frame filled in when known. */
  complete(frame: Frame): Frame;
};

export function createCookedDestinations(): CookedDestinations {
  /** Interface index → the MAC the host sends from there; undefined once two MACs were seen (SLL v1 over several interfaces). */
  const own = new Map<number, Mac | undefined>();
  return {
    complete(frame) {
      const link = frame.link;
      if (link === undefined || (link.kind !== 'sll' && link.kind !== 'sll2') || link.src === undefined) return frame;
      const key = link.ifindex ?? NO_IFINDEX;
      if (link.packetType === PACKET_OUTGOING) {
        if (isMulticastMac(link.src)) return frame;
        const known = own.get(key);
        if (!own.has(key)) { if (own.size < MAX_INTERFACES) own.set(key, link.src); }
        else if (known !== undefined && known !== link.src) own.set(key, undefined);
        return frame;
      }
      if (link.packetType !== PACKET_HOST) return frame;
      const dst = own.get(key);
      if (dst === undefined) return frame;
      const completed: CookedLink = { ...link, dst };
      return { ...frame, link: completed };
    },
  };
}
