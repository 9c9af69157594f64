// The invariant hash reads the IP packet a word at a time with the mutable bytes masked; it
// must equal the plain definition (every byte mixed in order, TTL / hop limit and the IPv4
// header checksum as zero) on every fixture frame and on every cut of them.

import { describe, expect, it } from 'vitest';
import { finish, hashPacket, mix } from '../../src/correlate/packet-hash.js';
import { decodeFrame } from '../../src/decode/frame.js';
import { openCaptureFile } from '../../src/io/open-capture.js';
import type { RawPacket } from '../../src/io/raw-packet.js';
import { fixtureCaptureFiles } from '../support/fixture-captures.js';

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

function check(raw: RawPacket): boolean {
  const frame = decodeFrame(raw);
  const ip = frame.ip;
  if (!ip) return false;
  const captured = Math.min(raw.data.length, raw.caplen);
  const ipLength = ip.version === 4 ? ip.totalLength || captured - ip.offset : 40 + ip.payloadLength;
  const end = Math.min(captured, ip.offset + ipLength, ip.offset + SPAN);
  const skipped = ip.version === 4 ? [ip.offset + 8, ip.offset + 10, ip.offset + 11] : [ip.offset + 7];
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
