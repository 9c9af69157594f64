// decodeFrame must never throw, whatever the bytes, and what it returns must hold together.
// Random bytes reach the link layers; mutated and re-tailed sample frames reach the deep ones.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LINKTYPE } from '../../src/decode/constants.js';
import { decodeFrame } from '../../src/decode/frame.js';
import type { Frame } from '../../src/decode/frame-types.js';
import { DECODE_ISSUE_CODES } from '../../src/decode/result.js';
import { ethernet, ipv4, ipv6, rawPacket, tcp, tcpOptions } from '../support/packet-bytes.js';
import {
  clientSynFrame, fragNeededFrame, gratuitousArpFrame, nullPingFrame, qinqSynFrame, sll2OutgoingSynFrame,
  udp6Frame, unsolicitedNaFrame, vrrpAdvertFrame,
} from './sample-frames.js';

const SEED = 20_240_611;
const RUNS = 20_000;
const KNOWN_CODES = new Set<string>(DECODE_ISSUE_CODES);
const SUPPORTED_LINK_TYPES = [
  LINKTYPE.NULL, LINKTYPE.ETHERNET, LINKTYPE.RAW_BSD, LINKTYPE.RAW_OPENBSD, LINKTYPE.RAW, LINKTYPE.LOOP,
  LINKTYPE.LINUX_SLL, LINKTYPE.IPV4, LINKTYPE.IPV6, LINKTYPE.LINUX_SLL2,
];

/** What must hold for any decoded frame. Returns a description of the first broken rule. */
function brokenRule(frame: Frame): string | undefined {
  const issue = frame.issue;
  if (issue !== undefined) {
    if (!KNOWN_CODES.has(issue.code)) return `unknown code ${issue.code}`;
    if (!issue.code.startsWith(`${issue.layer}.`)) return `layer ${issue.layer} does not match ${issue.code}`;
    if (issue.cause === 'snaplen' && !(frame.caplen < frame.len)) return 'snaplen on a frame captured whole';
    if (!(issue.offset >= 0 && issue.offset <= Math.max(frame.caplen, frame.len))) return `issue offset ${issue.offset}`;
  }
  if ((frame.ip !== undefined || frame.arp !== undefined) && frame.link === undefined) return 'network layer without link';
  if (frame.l4 !== undefined && frame.ip === undefined) return 'transport without ip';
  if (frame.ip !== undefined && frame.ip.offset + frame.ip.headerLength > frame.caplen) return 'ip header past the capture';
  if (frame.l4 !== undefined && frame.ip !== undefined && frame.l4.offset < frame.ip.offset + frame.ip.headerLength) return 'l4 inside ip header';
  if (frame.l4?.kind === 'tcp' && frame.l4.payloadOffset > frame.caplen) return 'tcp header past the capture';
  if (frame.l4?.kind === 'tcp' && frame.l4.payloadLength < 0) return 'negative tcp payload';
  if (frame.l4?.kind === 'udp' && frame.l4.payloadLength < 0) return 'negative udp payload';
  const tunnel = frame.tunnel;
  if (tunnel !== undefined && frame.ip === undefined) return 'tunnel without inner ip';
  if (tunnel !== undefined && frame.ip !== undefined && frame.ip.offset < tunnel.offset + tunnel.headerLength) return 'inner ip inside the outer header';
  if (tunnel !== undefined && tunnel.protocol !== 4 && tunnel.protocol !== 41 && tunnel.protocol !== 47) return `tunnel protocol ${tunnel.protocol}`;
  return undefined;
}

function checkDecodes(bytes: Uint8Array, linkType: number, caplen: number, len: number): boolean {
  const frame = decodeFrame(rawPacket(bytes, linkType, { caplen, len }));
  const broken = brokenRule(frame);
  if (broken !== undefined) throw new Error(broken);
  return true;
}

const SAMPLES: readonly (readonly [Uint8Array, number])[] = [
  [clientSynFrame(), LINKTYPE.ETHERNET],
  [gratuitousArpFrame(), LINKTYPE.ETHERNET],
  [vrrpAdvertFrame(), LINKTYPE.ETHERNET],
  [fragNeededFrame(), LINKTYPE.ETHERNET],
  [unsolicitedNaFrame(), LINKTYPE.ETHERNET],
  [qinqSynFrame(), LINKTYPE.ETHERNET],
  [udp6Frame(), LINKTYPE.ETHERNET],
  [sll2OutgoingSynFrame(), LINKTYPE.LINUX_SLL2],
  [nullPingFrame('le'), LINKTYPE.NULL],
  [ethernet({ etherType: 0x0800, payload: ipv4({ protocol: 6, options: new Uint8Array(8), payload: tcp({ sport: 1, dport: 2, flags: 2, options: tcpOptions({ mss: 1460, sackPermitted: true, timestamps: [1, 2], windowScale: 7 }) }) }) }), LINKTYPE.ETHERNET],
  [ethernet({ etherType: 0x86dd, payload: ipv6({ nextHeader: 6, extensions: [{ type: 0 }, { type: 43, body: new Uint8Array(14) }, { type: 44 }, { type: 51 }], payload: tcp({ sport: 1, dport: 2, flags: 2 }) }) }), LINKTYPE.ETHERNET],
  // LVS-TUN: IP in IP, GRE with a key, 6in6, and a first fragment of a tunnelled packet.
  [ethernet({ etherType: 0x0800, payload: ipv4({ protocol: 4, payload: clientSynFrame().subarray(14) }) }), LINKTYPE.ETHERNET],
  [ethernet({ etherType: 0x0800, payload: ipv4({ protocol: 47, payload: new Uint8Array([0x20, 0, 0x08, 0, 0, 0, 0, 7, ...clientSynFrame().subarray(14)]) }) }), LINKTYPE.ETHERNET],
  [ethernet({ etherType: 0x86dd, payload: ipv6({ nextHeader: 41, payload: udp6Frame().subarray(14) }) }), LINKTYPE.ETHERNET],
  [ethernet({ etherType: 0x0800, payload: ipv4({ protocol: 4, moreFragments: true, payload: ipv4({ protocol: 6, payload: tcp({ sport: 1, dport: 80, flags: 16, payload: new Uint8Array(200) }) }).subarray(0, 120) }) }), LINKTYPE.ETHERNET],
];

describe('decodeFrame never throws', () => {
  it.each(SUPPORTED_LINK_TYPES)('on random bytes with link type %i', (linkType) => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 160 }), fc.nat({ max: 2000 }), (bytes, missing) =>
        checkDecodes(bytes, linkType, bytes.length, bytes.length) &&
        checkDecodes(bytes, linkType, bytes.length, bytes.length + missing)),
      { seed: SEED + linkType, numRuns: RUNS },
    );
  });

  it('has tunnelled samples that decode as such before any mutation', () => {
    const tunnelled = SAMPLES.filter(([bytes, linkType]) => decodeFrame(rawPacket(bytes, linkType)).tunnel !== undefined);
    expect(tunnelled).toHaveLength(4);
  });

  it('on an unsupported link type', () => {
    expect(checkDecodes(new Uint8Array(60), 127, 60, 60)).toBe(true);
  });

  it('on sample frames with bytes changed, cut, and given odd wire lengths', () => {
    const mutation = fc.record({
      sample: fc.nat({ max: SAMPLES.length - 1 }),
      edits: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }),
      cut: fc.nat(),
      extra: fc.nat({ max: 100_000 }),
    });
    fc.assert(
      fc.property(mutation, ({ sample, edits, cut, extra }) => {
        const [original, linkType] = SAMPLES[sample]!;
        const bytes = original.slice();
        for (const [at, value] of edits) bytes[at % bytes.length] = value;
        const caplen = cut % (bytes.length + 1);
        return checkDecodes(bytes, linkType, caplen, caplen) && checkDecodes(bytes, linkType, caplen, caplen + extra);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('on sample frames whose headers go on into random bytes', () => {
    const tail = fc.record({
      sample: fc.nat({ max: SAMPLES.length - 1 }),
      keep: fc.nat(),
      rest: fc.uint8Array({ maxLength: 120 }),
    });
    fc.assert(
      fc.property(tail, ({ sample, keep, rest }) => {
        const [original, linkType] = SAMPLES[sample]!;
        const head = original.subarray(0, keep % (original.length + 1));
        const bytes = new Uint8Array(head.length + rest.length);
        bytes.set(head);
        bytes.set(rest, head.length);
        return checkDecodes(bytes, linkType, bytes.length, bytes.length) &&
          checkDecodes(bytes, linkType, head.length, bytes.length);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('on degenerate records: empty data, caplen beyond the data, zero and negative lengths', () => {
    for (const linkType of SUPPORTED_LINK_TYPES) {
      for (const [caplen, len] of [[0, 0], [0, 1514], [500, 60], [60, 0], [-1, -1], [Number.NaN, Number.NaN]] as const) {
        const frame = decodeFrame({ ...rawPacket(new Uint8Array(60), linkType), caplen, len });
        expect(frame.frame).toBe(1);
      }
      expect(decodeFrame(rawPacket(new Uint8Array(0), linkType)).frame).toBe(1);
    }
  });
});
