// The invariant hash reads the IP packet a word at a time with the mutable bytes masked; it
// must equal the plain definition (every byte mixed in order, TTL / hop limit and the IPv4
// header checksum as zero) on every fixture frame and on every cut of them.

import { describe, expect, it } from 'vitest';
import { finish, hashPacket, mix } from '../../src/correlate/packet-hash.js';
import { decodeFrame } from '../../src/decode/frame.js';
import { openCaptureFile } from '../../src/io/open-capture.js';
import type { RawPacket } from '../../src/io/raw-packet.js';
import { fixtureCaptureFiles } from '../support/fixture-captures.js';
import { LINKTYPE } from '../../src/decode/constants.js';
import { TCP, ethernet, ipv4, ipv6, rawPacket, tcp, udp } from '../support/packet-bytes.js';

const SPAN = 128;

/** Byte by byte: groups of four big-endian bytes, the last group short, skipped bytes as 0. */
function referenceInvariant(b: Uint8Array, start: number, end: number, skipped: readonly number[]): number {
  let h = 0x1234567;
  for (let i = start; i < end; i += 4) {
    let word = 0;
    for (let k = i; k < Math.min(i + 4, end); k++) word = (word << 8) | (skipped.includes(k) ? 0 : b[k]!);
    h = mix(h, word);
  }
  return finish(h);
}

/** Walks the IPv6 extension headers at `off` to the fragment header (44). */
function fragmentHeaderAt(b: Uint8Array, off: number): number {
  let p = off + 40, next = b[off + 6]!;
  while (next !== 44) {
    const length = next === 51 ? (b[p + 1]! + 2) * 4 : (b[p + 1]! + 1) * 8;
    next = b[p]!;
    p += length;
  }
  return p;
}

function check(raw: RawPacket): boolean {
  const frame = decodeFrame(raw);
  const ip = frame.ip;
  if (!ip) return false;
  const captured = Math.min(raw.data.length, raw.caplen);
  const ipLength = ip.version === 4 ? ip.totalLength || captured - ip.offset : 40 + ip.payloadLength;
  const end = Math.min(captured, ip.offset + ipLength, ip.offset + SPAN);
  // Without DF the director may cut the datagram anew: total length, flags and offset are skipped too.
  const refragmentable = ip.version === 4 && !ip.dontFragment ? [ip.offset + 2, ip.offset + 3, ip.offset + 6, ip.offset + 7] : [];
  // An IPv6 fragment leaves the director with a new identification.
  const fragmentId = ip.version === 6 && ip.fragment ? [0, 1, 2, 3].map((i) => fragmentHeaderAt(raw.data, ip.offset) + 4 + i) : [];
  const skipped = ip.version === 4 ? [ip.offset + 8, ip.offset + 10, ip.offset + 11, ...refragmentable] : [ip.offset + 7, ...fragmentId];
  expect(hashPacket(raw.data, frame).invariant).toBe(referenceInvariant(raw.data, ip.offset, end, skipped));
  return true;
}

describe('invariant hash', () => {
  it('equals the byte-wise definition on every fixture frame and every cut of it', async () => {
    let n = 0;
    for (const file of fixtureCaptureFiles()) {
      for await (const batch of openCaptureFile(file).batches()) {
        for (const raw of batch) {
          if (check(raw)) n++;
          // Cuts inside the IP header and the transport header exercise the short last word.
          for (const cut of [20, 23, 25, 33, 35, 37, 45, 53, 57]) {
            if (cut < raw.data.length) check({ ...raw, data: raw.data.subarray(0, cut), caplen: cut });
          }
        }
      }
    }
    expect(n).toBeGreaterThan(1000);
  });
});

describe('fragments cut anew by the director', () => {
  const datagram = udp({ sport: 40000, dport: 9000, payload: Uint8Array.from({ length: 4000 }, (_, i) => i & 0xff) });
  const frameOf = (bytes: Uint8Array) => {
    const raw = rawPacket(ethernet({ etherType: 0x0800, payload: bytes }), LINKTYPE.ETHERNET);
    return { raw, frame: decodeFrame(raw) };
  };
  const firstFragment = (size: number, ttl: number, dontFragment = false) =>
    frameOf(ipv4({ protocol: 17, id: 4242, ttl, dontFragment, moreFragments: true, payload: datagram.subarray(0, size) }));

  it('pairs a first fragment with the one the director sent on, whatever its size', () => {
    const arrived = firstFragment(1480, 63), forwarded = firstFragment(1376, 62);
    const a = hashPacket(arrived.raw.data, arrived.frame), b = hashPacket(forwarded.raw.data, forwarded.frame);
    expect(b.identity).toBe(a.identity);
    expect([b.invariant, b.invariantSpan]).toEqual([a.invariant, a.invariantSpan]);
  });

  it('pairs a whole datagram without DF with the first fragment it was cut into', () => {
    const whole = frameOf(ipv4({ protocol: 17, id: 4242, ttl: 63, payload: datagram, transportChecksum: false }));
    const forwarded = firstFragment(1376, 62);
    const a = hashPacket(whole.raw.data, whole.frame), b = hashPacket(forwarded.raw.data, forwarded.frame);
    expect(b.identity).toBe(a.identity);
    expect(b.invariant).toBe(a.invariant);
  });

  it('pairs an IPv6 first fragment with the one sent on under a new identification', () => {
    const v6 = (id: number, hopLimit: number) => {
      const raw = rawPacket(ethernet({ etherType: 0x86dd, payload: ipv6({ nextHeader: 17, hopLimit, extensions: [{ type: 0 }, { type: 44, moreFragments: true, id }], payload: datagram.subarray(0, 1232) }) }), LINKTYPE.ETHERNET);
      const frame = decodeFrame(raw);
      return hashPacket(raw.data, frame);
    };
    const a = v6(0x11111111, 63), b = v6(0x22222222, 62);
    expect([b.identity, b.invariant]).toEqual([a.identity, a.invariant]);
  });

  it('still sees a changed payload, and a changed length when DF is set', () => {
    const arrived = firstFragment(1480, 63);
    const changed = firstFragment(1480, 62);
    const at = 14 + 28 + 50;
    changed.raw.data[at] = changed.raw.data[at]! ^ 0xff;
    expect(hashPacket(changed.raw.data, changed.frame).invariant).not.toBe(hashPacket(arrived.raw.data, arrived.frame).invariant);
    const withDf = (size: number) => frameOf(ipv4({ protocol: 6, id: 7, ttl: 63, dontFragment: true, payload: tcp({ sport: 1, dport: 80, flags: TCP.ACK, payload: new Uint8Array(size) }) }));
    const long = withDf(200), short = withDf(100);
    expect(hashPacket(short.raw.data, short.frame).invariant).not.toBe(hashPacket(long.raw.data, long.frame).invariant);
  });
});

