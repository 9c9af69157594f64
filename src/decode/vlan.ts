// 802.1Q / 802.1ad tags: TCI u16 (PCP 3 bits, DEI 1 bit, VID 12 bits) then the next ethertype.
// Tags stack (QinQ); the walk stops at a fixed depth so a frame of repeated TPIDs ends quickly.

import { readableEnd, u16 } from './bytes.js';
import { ETHERTYPE } from './constants.js';
import type { VlanTag } from './frame-types.js';
import { type DecodeResult, decoded, failure, truncated } from './result.js';

const OFF = { TCI: 0, ETHER_TYPE: 2 } as const;
export const VLAN_TAG_LENGTH = 4;
export const MAX_VLAN_TAGS = 4;

export type VlanStack = {
  readonly tags: readonly VlanTag[];
  /** The ethertype after the last tag. */
  readonly etherType: number;
};

export function isVlanTpid(etherType: number): boolean {
  return etherType === ETHERTYPE.VLAN || etherType === ETHERTYPE.QINQ || etherType === ETHERTYPE.VLAN_LEGACY;
}

/** Decodes the tags starting at `off`; `tpid` is the ethertype field that preceded them. */
export function decodeVlanTags(b: Uint8Array, off: number, end: number, tpid: number): DecodeResult<VlanStack> {
  const avail = readableEnd(b, end);
  const tags: VlanTag[] = [];
  let p = off;
  let etherType = tpid;
  while (isVlanTpid(etherType)) {
    if (tags.length === MAX_VLAN_TAGS) return failure('vlan.too-many-tags', 'unsupported', p);
    if (p + VLAN_TAG_LENGTH > avail) return truncated('vlan.truncated', p, p + VLAN_TAG_LENGTH, end);
    const tci = u16(b, p + OFF.TCI);
    tags.push({ tpid: etherType, id: tci & 0x0fff, pcp: tci >>> 13, dei: (tci & 0x1000) !== 0 });
    etherType = u16(b, p + OFF.ETHER_TYPE);
    p += VLAN_TAG_LENGTH;
  }
  return decoded({ tags, etherType }, p);
}
