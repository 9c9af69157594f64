// Which two-MAC hops are a director's: the rule behind fixtures/director-two-nics, on evidence
// built by hand so each condition is exercised alone.

import { describe, expect, it } from 'vitest';
import type { IpAddress, Mac } from '../../src/decode/addresses.js';
import { parseIpv4 } from '../../src/decode/addresses.js';
import { cookedHostMacs, withInterfaceHops } from '../../src/correlate/interface-hops.js';
import { createTopologyEvidence, type TopologyEvidence } from '../../src/correlate/topology-evidence.js';

const mac = (n: number) => (0x020000000000 + n) as Mac;
const ip = (s: string) => parseIpv4(s)! as IpAddress;
const VIP = ip('192.0.2.100'), RIP = ip('203.0.113.11');
const FRONT = mac(0x0202), BACK = mac(0x0302), RS = mac(0x0211), ROUTER_IN = mac(0x0101), ROUTER_OUT = mac(0x0201);

function hop(ev: TopologyEvidence, dst: IpAddress, ingress: Mac, egress: Mac, next: Mac, feed: Mac): void {
  ev.interfaceHops.set(dst, new Map([[ingress, new Map([[egress, new Map([[next, 3]])]])]]));
  ev.interfaceHopFeeds.set(dst, new Map([[ingress, new Map([[feed, 3]])]]));
}

const claim = (ev: TopologyEvidence, address: IpAddress, owner: Mac) => ev.arpReplies.set(address, new Map([[owner, 1]]));

describe('two-MAC hops', () => {
  it('are a director\'s when the ingress MAC owns the destination in ARP and the next hop does not', () => {
    const ev = createTopologyEvidence(1);
    hop(ev, VIP, FRONT, BACK, RS, ROUTER_OUT);
    claim(ev, VIP, FRONT);
    const v = withInterfaceHops(ev, new Set(), new Set());
    expect(v.otherMacs.get(FRONT)).toEqual(new Set([BACK]));
    expect(v.evidence.relays.get(VIP)?.get(FRONT)).toEqual(new Map([[RS, 3]]));
    expect(v.evidence.relayFeeds.get(VIP)?.get(FRONT)).toEqual(new Map([[ROUTER_OUT, 3]]));
    // The observed evidence itself is left as it was.
    expect(ev.relays.size).toBe(0);
  });

  it('are a router\'s when the next hop owns the destination, or nobody\'s ARP shows who does', () => {
    // A router's WAN and LAN ports: it hands the VIP's packets to the MAC that answers ARP for it.
    const routed = createTopologyEvidence(1);
    hop(routed, VIP, ROUTER_IN, ROUTER_OUT, FRONT, mac(0x000a));
    claim(routed, VIP, FRONT);
    expect(withInterfaceHops(routed, new Set(), new Set()).otherMacs.size).toBe(0);
    const silent = createTopologyEvidence(1);
    hop(silent, VIP, ROUTER_IN, ROUTER_OUT, FRONT, mac(0x000a));
    expect(withInterfaceHops(silent, new Set(), new Set()).otherMacs.size).toBe(0);
  });

  it('are a director\'s without ARP when the VIP is configured and the next hops are configured real servers', () => {
    const ev = createTopologyEvidence(1);
    hop(ev, VIP, FRONT, BACK, RS, ROUTER_OUT);
    claim(ev, RIP, RS);
    expect(withInterfaceHops(ev, new Set([VIP]), new Set([RIP])).otherMacs.get(FRONT)).toEqual(new Set([BACK]));
    // Not when a next hop is not one of them.
    expect(withInterfaceHops(ev, new Set([VIP]), new Set([ip('203.0.113.99')])).otherMacs.size).toBe(0);
  });

  it('of a cooked capture\'s own host: one MAC per interface index, never a bridge\'s many', () => {
    const ev = createTopologyEvidence(3);
    ev.cookedSenders[0]!.set(FRONT, new Set([2])).set(BACK, new Set([3]));
    // A host bridging others' frames sends many MACs out of one interface.
    ev.cookedSenders[1]!.set(FRONT, new Set([2])).set(RS, new Set([2]));
    // SLL v1 names no interface.
    ev.cookedSenders[2]!.set(FRONT, new Set()).set(BACK, new Set());
    expect(cookedHostMacs(ev, 0)).toEqual([FRONT, BACK]);
    expect(cookedHostMacs(ev, 1)).toEqual([]);
    expect(cookedHostMacs(ev, 2)).toEqual([]);
    const v = withInterfaceHops(ev, new Set(), new Set());
    expect(v.otherMacs.get(FRONT)).toEqual(new Set([BACK]));
    expect(v.otherMacs.get(BACK)).toEqual(new Set([FRONT]));
    expect(v.otherMacs.has(RS)).toBe(false);
    expect(v.evidence).toBe(ev);
  });
});
