// Learning a NAT's translation must not be fooled by packets of other flows that agree in what a
// NAT leaves alone: an IPv4 ID and a length are all a UDP datagram has, and two datagrams of
// different clients often share them.

import { describe, expect, it } from 'vitest';
import { learnAddressTranslations } from '../../src/correlate/address-translation.js';
import { makeSighting, type Sighting } from '../../src/correlate/sighting.js';
import { EMPTY_TOPOLOGY, viewOf } from '../../src/correlate/topology.js';
import type { Ipv4 } from '../../src/decode/addresses.js';
import type { Frame } from '../../src/decode/frame-types.js';
import type { Role } from '../../src/report/report-types.js';

const ip = (text: string) => text.split('.').reduce((a, b) => a * 256 + Number(b), 0) as Ipv4;
const VIP = ip('192.0.2.100'), CLIENT = ip('198.51.100.10'), OTHER = ip('198.51.100.20'), PRIVATE = ip('192.168.1.10');
const topology = viewOf({ ...EMPTY_TOPOLOGY, vips: [{ ip: VIP, ports: [{ protocol: 'udp', port: 53 }, { protocol: 'tcp', port: 80 }] }] });
const ROLES: readonly Role[] = ['client', 'director'];

let n = 0;
function datagram(capture: number, src: Ipv4, sport: number, id: number, length = 40): Sighting {
  const frame = {
    frame: ++n, ip: { version: 4, src, dst: VIP, id, protocol: 17, fragmentOffset: 0 },
    l4: { kind: 'udp', sport, dport: 53, payloadLength: length },
  } as unknown as Frame;
  return makeSighting(capture, frame, n, { identity: n, invariant: 0, invariantSpan: 0 });
}

function syn(capture: number, src: Ipv4, sport: number, seq: number): Sighting {
  const frame = {
    frame: ++n, ip: { version: 4, src, dst: VIP, id: 1, protocol: 6, fragmentOffset: 0 },
    l4: { kind: 'tcp', sport, dport: 80, seq, ack: 0, flags: 0x02, payloadLength: 0 },
  } as unknown as Frame;
  return makeSighting(capture, frame, n, { identity: n, invariant: 0, invariantSpan: 0 });
}

const learn = (client: Sighting[], director: Sighting[]) => learnAddressTranslations([[client], [director]], ROLES, topology);

describe('learning a NAT\'s translation', () => {
  it('learns nothing when the client\'s own datagram reached the director, beside another client\'s alike', () => {
    expect(learn([datagram(0, CLIENT, 5000, 7)], [datagram(1, OTHER, 6000, 7), datagram(1, CLIENT, 5000, 7)])).toEqual([undefined, undefined]);
  });

  it('does not take one other client\'s datagram with the same ID and length for a translation', () => {
    // The client's datagram never reached the director; another client's happens to agree.
    expect(learn([datagram(0, CLIENT, 5000, 7)], [datagram(1, OTHER, 6000, 7)])).toEqual([undefined, undefined]);
  });

  it('learns a UDP client end when a second datagram agrees on its address', () => {
    const [t] = learn([datagram(0, PRIVATE, 5000, 7), datagram(0, PRIVATE, 5001, 8)], [datagram(1, CLIENT, 41000, 7), datagram(1, CLIENT, 41001, 8)]);
    expect(t?.summary).toEqual([{ kind: 'source', captured: '192.168.1.10', director: '198.51.100.10', portsKept: false }]);
  });

  it('learns a TCP end from one segment: sequence numbers tell connections apart', () => {
    const [t] = learn([syn(0, PRIVATE, 5000, 123456789)], [syn(1, CLIENT, 5000, 123456789)]);
    expect(t?.summary).toEqual([{ kind: 'source', captured: '192.168.1.10', director: '198.51.100.10', portsKept: true }]);
    // Later connections from the address keep their port: they are translated too.
    const later = t!.translate(syn(0, PRIVATE, 5999, 42));
    expect([later.frame.ip!.src, (later.frame.l4 as { sport: number }).sport]).toEqual([CLIENT, 5999]);
    expect(later.frame.translatedFrom?.ip?.src).toBe(PRIVATE);
  });

  it('leaves a packet alone that two director-side packets of different flows both match', () => {
    expect(learn([syn(0, PRIVATE, 5000, 99)], [syn(1, CLIENT, 41000, 99), syn(1, OTHER, 42000, 99)])).toEqual([undefined, undefined]);
  });
});
