import { describe, expect, it } from 'vitest';
import { parseMac, type Mac } from '../../src/decode/addresses.js';
import type { CookedLink, Frame } from '../../src/decode/frame-types.js';
import { createCookedDestinations } from '../../src/correlate/cooked-destination.js';

const HOST = 0, BROADCAST = 1, OUTGOING = 4;
const mac = (text: string) => parseMac(text)!;
const OWN = mac('02:00:00:00:02:12'), DIRECTOR = mac('02:00:00:00:02:02'), OTHER_NIC = mac('02:00:00:00:03:12');

/** A cooked frame as the decoder leaves it: only the link layer matters here. */
function cooked(packetType: number, src: Mac, ifindex?: number): Frame {
  const link: CookedLink = { kind: ifindex === undefined ? 'sll' : 'sll2', packetType, arphrd: 1, src, ...(ifindex === undefined ? {} : { ifindex }), etherType: 0x0800 };
  return { index: 1, tsSec: 0, tsNsec: 0, caplen: 60, len: 60, linkType: 113, interfaceId: 0, fileOffset: 0, link, vlans: [] } as unknown as Frame;
}
const dstOf = (f: Frame) => (f.link?.kind === 'sll' || f.link?.kind === 'sll2' ? f.link.dst : undefined);

describe('cooked destinations', () => {
  it('give a received frame the MAC its host sends from, once it has sent', () => {
    const d = createCookedDestinations();
    expect(dstOf(d.complete(cooked(HOST, DIRECTOR)))).toBeUndefined();
    const sent = cooked(OUTGOING, OWN);
    expect(d.complete(sent)).toBe(sent);
    const received = d.complete(cooked(HOST, DIRECTOR));
    expect(dstOf(received)).toBe(OWN);
    expect(received.link?.kind === 'sll' ? received.link.src : undefined).toBe(DIRECTOR);
  });

  it('leave broadcasts and the host\'s own frames without a destination', () => {
    const d = createCookedDestinations();
    d.complete(cooked(OUTGOING, OWN));
    expect(dstOf(d.complete(cooked(BROADCAST, DIRECTOR)))).toBeUndefined();
    expect(dstOf(d.complete(cooked(OUTGOING, OWN)))).toBeUndefined();
  });

  it('keep each SLL2 interface\'s own MAC apart', () => {
    const d = createCookedDestinations();
    d.complete(cooked(OUTGOING, OWN, 2));
    d.complete(cooked(OUTGOING, OTHER_NIC, 3));
    expect(dstOf(d.complete(cooked(HOST, DIRECTOR, 2)))).toBe(OWN);
    expect(dstOf(d.complete(cooked(HOST, DIRECTOR, 3)))).toBe(OTHER_NIC);
    expect(dstOf(d.complete(cooked(HOST, DIRECTOR, 4)))).toBeUndefined();
  });

  it('give up on SLL v1 when the host sends from two MACs (interfaces it cannot tell apart)', () => {
    const d = createCookedDestinations();
    d.complete(cooked(OUTGOING, OWN));
    d.complete(cooked(OUTGOING, OTHER_NIC));
    expect(dstOf(d.complete(cooked(HOST, DIRECTOR)))).toBeUndefined();
  });
});
