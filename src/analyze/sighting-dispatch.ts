// Hands each sighting only to the checks that registered for its kind of frame
// (CheckDefinition.sightingKinds), keeping the checks' order.

import type { CheckHandlers, SightingKind } from '../checks/check-api.js';
import type { Frame } from '../decode/frame-types.js';

/** Slots a frame can fall into; 'ip' here is an IP frame without a decoded transport. */
const SLOTS = ['arp', 'tcp', 'udp', 'icmp', 'icmpv6', 'vrrp', 'ip', 'other'] as const;
const IP_SLOTS = new Set<string>(['tcp', 'udp', 'icmp', 'icmpv6', 'vrrp', 'ip']);

export function slotOf(f: Frame): number {
  if (f.arp !== undefined) return 0;
  if (f.ip === undefined) return 7;
  const l4 = f.l4;
  if (l4 === undefined) return 6;
  switch (l4.kind) {
    case 'tcp': return 1;
    case 'udp': return 2;
    case 'icmp': return 3;
    case 'icmpv6': return 4;
    case 'vrrp': return 5;
  }
}

function wants(kinds: readonly SightingKind[] | undefined, slot: (typeof SLOTS)[number]): boolean {
  if (kinds === undefined) return true;
  return kinds.includes(slot) || (kinds.includes('ip') && IP_SLOTS.has(slot));
}

export type Handled = { readonly handlers: CheckHandlers; readonly kinds: readonly SightingKind[] | undefined };

/** Per slot, the handlers with a `sighting` handler that want it, in the given order. */
export function sightingHandlersBySlot(checks: readonly Handled[]): CheckHandlers[][] {
  return SLOTS.map((slot) => checks.filter((c) => c.handlers.sighting && wants(c.kinds, slot)).map((c) => c.handlers));
}
