import { describe, expect, it } from 'vitest';
import { MAX_VLAN_TAGS, VLAN_TAG_LENGTH, decodeVlanTags, isVlanTpid } from '../../src/decode/vlan.js';
import { vlan } from '../support/packet-bytes.js';
import { expectDecoded, expectIssue, expectPrefixesFail } from './result-assertions.js';

// Tags as they follow the Ethernet header: the first TPID is the Ethernet ethertype.
const single = vlan({ id: 42, pcp: 5, dei: true, etherType: 0x0800, payload: new Uint8Array(20) });
const qinq = vlan({ id: 100, pcp: 3, etherType: 0x8100, payload: vlan({ id: 200, etherType: 0x86dd }) });

describe('decodeVlanTags', () => {
  it('reads every field of one 802.1Q tag', () => {
    const r = expectDecoded(decodeVlanTags(single, 0, single.length, 0x8100));
    expect(r.value).toStrictEqual({ tags: [{ tpid: 0x8100, id: 42, pcp: 5, dei: true }], etherType: 0x0800 });
    expect(r.next).toBe(VLAN_TAG_LENGTH);
    expect(r.issue).toBeUndefined();
  });

  it('walks a QinQ stack (802.1ad outer, 802.1Q inner) in wire order', () => {
    const r = expectDecoded(decodeVlanTags(qinq, 0, qinq.length, 0x88a8));
    expect(r.value).toStrictEqual({
      tags: [{ tpid: 0x88a8, id: 100, pcp: 3, dei: false }, { tpid: 0x8100, id: 200, pcp: 0, dei: false }],
      etherType: 0x86dd,
    });
    expect(r.next).toBe(2 * VLAN_TAG_LENGTH);
  });

  it('accepts the legacy 0x9100 outer tag and VLAN 0 (priority tag)', () => {
    const b = vlan({ id: 0, pcp: 6, etherType: 0x0806 });
    const r = expectDecoded(decodeVlanTags(b, 0, b.length, 0x9100));
    expect(r.value.tags).toStrictEqual([{ tpid: 0x9100, id: 0, pcp: 6, dei: false }]);
    expect(r.value.etherType).toBe(0x0806);
  });

  it('knows the three TPIDs and nothing else', () => {
    expect([0x8100, 0x88a8, 0x9100].map(isVlanTpid)).toEqual([true, true, true]);
    expect([0x0800, 0x86dd, 0x9200, 0x8a88].map(isVlanTpid)).toEqual([false, false, false, false]);
  });

  it(`stops after ${MAX_VLAN_TAGS} tags`, () => {
    let b = vlan({ id: 5, etherType: 0x0800 });
    for (let i = 0; i < MAX_VLAN_TAGS; i++) b = vlan({ id: i, etherType: 0x8100, payload: b });
    const issue = expectIssue(decodeVlanTags(b, 0, b.length, 0x8100));
    expect(issue).toStrictEqual({ code: 'vlan.too-many-tags', layer: 'vlan', cause: 'unsupported', offset: MAX_VLAN_TAGS * VLAN_TAG_LENGTH });
    // Exactly the cap is fine.
    const four = b.subarray(VLAN_TAG_LENGTH);
    expect(expectDecoded(decodeVlanTags(four, 0, four.length, 0x8100)).value.tags).toHaveLength(MAX_VLAN_TAGS);
  });

  it('stops on a frame of repeated TPIDs without reading past it', () => {
    const b = new Uint8Array(4000);
    for (let i = 0; i < b.length; i += 4) b.set([0, 1, 0x81, 0x00], i);
    expect(expectIssue(decodeVlanTags(b, 0, b.length, 0x8100)).code).toBe('vlan.too-many-tags');
  });

  it('fails on every prefix shorter than the tags', () => {
    const decodeQinq = (b: Uint8Array, off: number, end: number) => decodeVlanTags(b, off, end, 0x88a8);
    expectPrefixesFail(decodeQinq, qinq, 2 * VLAN_TAG_LENGTH, 'vlan.truncated');
  });

  it('reports where the cut tag starts', () => {
    const issue = expectIssue(decodeVlanTags(qinq.slice(0, 6), 0, qinq.length, 0x88a8));
    expect(issue.offset).toBe(VLAN_TAG_LENGTH);
  });
});
