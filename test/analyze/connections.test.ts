// The connection tracker's lifecycle bounds what a busy capture keeps: idle connections go
// after the idle time, closed ones (FIN or RST) soon after closing, and a full table hands
// its oldest connection on instead of ignoring new ones.

import { describe, expect, it } from 'vitest';
import { createConnectionTracker, wasAnswered, type Connection } from '../../src/correlate/connections.js';
import { makeSighting, type Sighting } from '../../src/correlate/sighting.js';
import { viewOf, EMPTY_TOPOLOGY } from '../../src/correlate/topology.js';
import type { Ipv4 } from '../../src/decode/addresses.js';
import type { Frame } from '../../src/decode/frame-types.js';

const VIP = 0xc0000264 as Ipv4, CLIENT = 0xc6336400 as Ipv4;
const topology = viewOf({ ...EMPTY_TOPOLOGY, vips: [{ ip: VIP, ports: [{ protocol: 'tcp', port: 80 }] }] });
const FIN = 0x01, SYN = 0x02, RST = 0x04, ACK = 0x10;

let n = 0;
function request(clientPort: number, flags: number, t: number): Sighting {
  n++;
  const frame = {
    frame: n, ip: { version: 4, src: CLIENT, dst: VIP, id: n, protocol: 6, fragmentOffset: 0 },
    l4: { kind: 'tcp', sport: clientPort, dport: 80, seq: n, ack: 0, flags, payloadLength: 0 },
  } as unknown as Frame;
  return makeSighting(0, frame, t, { identity: n, invariant: 0, invariantSpan: 0 });
}

function reply(clientPort: number, flags: number, t: number): Sighting {
  n++;
  const frame = {
    frame: n, ip: { version: 4, src: VIP, dst: CLIENT, id: n, protocol: 6, fragmentOffset: 0 },
    l4: { kind: 'tcp', sport: 80, dport: clientPort, seq: n, ack: 0, flags, payloadLength: 0 },
  } as unknown as Frame;
  return makeSighting(0, frame, t, { identity: n, invariant: 0, invariantSpan: 0 });
}

function tracker(maxConnections = 100) {
  const done: Connection[] = [];
  const t = createConnectionTracker(() => topology, {
    idleSeconds: 30, closingSeconds: 2, maxConnections, alignedTime: (s) => s.t, onDone: (c) => done.push(c),
  });
  const see = (s: Sighting) => { t.observe(s, s.t); t.expire(s.t); };
  return { t, done, see };
}

describe('connection tracker', () => {
  it('hands on an open connection after the idle time and a closed one soon after it closed', () => {
    const { t, done, see } = tracker();
    see(request(1000, SYN, 0));
    see(request(1001, SYN, 0));
    see(request(1001, FIN | ACK, 1));
    see(request(1002, SYN, 2.5));
    expect(done).toEqual([]);
    see(request(1002, ACK, 3.5));
    expect(done.map((c) => c.clientPort)).toEqual([1001]);
    see(request(1002, ACK, 29));
    expect(done.map((c) => c.clientPort)).toEqual([1001]);
    see(request(1002, ACK, 31));
    expect(done.map((c) => c.clientPort)).toEqual([1001, 1000]);
    expect(t.size).toBe(1);
  });

  it('keeps the reset that ends a long connection whose replies filled the list', () => {
    // A failover resets a connection after dozens of replies (fixtures/failover-sloppy-tcp):
    // service/refused-by-rs and service/reset-by-director judge that reset.
    const { done, see } = tracker();
    see(request(2000, SYN, 0));
    see(reply(2000, SYN | ACK, 0));
    for (let i = 1; i <= 40; i++) { see(request(2000, ACK, i * 0.1)); see(reply(2000, ACK, i * 0.1)); }
    see(request(2000, ACK, 5));
    see(reply(2000, RST, 5));
    see(request(2000, SYN, 60));
    const c = done.find((x) => x.clientPort === 2000)!;
    expect(c.replies.length).toBeLessThanOrEqual(48);
    expect(c.replies.some((r) => r.frame.l4?.kind === 'tcp' && (r.frame.l4.flags & RST) !== 0)).toBe(true);
    expect(c.replyKinds.has('rst')).toBe(true);
  });

  it('starts a new connection when a closed client port sends a SYN again', () => {
    const { done, see } = tracker();
    see(request(1000, SYN, 0));
    see(request(1000, FIN | ACK, 0.5));
    see(request(1000, SYN, 1));
    expect(done.map((c) => [c.clientPort, c.requestCount])).toEqual([[1000, 2]]);
  });

  it('hands the oldest connection on when the table is full', () => {
    const { t, done, see } = tracker(3);
    for (let p = 0; p < 5; p++) see(request(2000 + p, SYN, p * 0.01));
    expect(done.map((c) => c.clientPort)).toEqual([2000, 2001]);
    expect(t.size).toBe(3);
    t.drain();
    expect(done.map((c) => c.clientPort)).toEqual([2000, 2001, 2002, 2003, 2004]);
  });

  it('counts a connection as answered when the client acknowledges after its SYN, unseen replies or not', () => {
    const { t, done, see } = tracker();
    see(request(3000, SYN, 0));
    see(request(3000, SYN, 1)); // a retransmission: still no answer
    see(request(3001, SYN, 0));
    see(request(3001, ACK, 0.1)); // the handshake's ACK: a SYN-ACK reached the client
    see(request(3002, SYN, 0));
    see(request(3002, RST | ACK, 0.1)); // a reset is no proof of a SYN-ACK
    see(request(3003, ACK, 0)); // mid-stream: nothing known about the handshake
    t.drain();
    expect(done.map((c) => [c.clientPort, c.clientAcknowledged, wasAnswered(c)])).toEqual([
      [3000, false, false], [3001, true, true], [3002, false, false], [3003, false, false],
    ]);
  });
});
