// Every prefix of every sample frame, decoded twice: cut by the snap length (the wire length is
// the full frame) and as a whole frame that short. The first must say `snaplen` with the code of
// the layer that was cut; the second `malformed` at the same layer.

import { describe, expect, it } from 'vitest';
import { LINKTYPE } from '../../src/decode/constants.js';
import { decodeFrame } from '../../src/decode/frame.js';
import type { DecodeIssueCode } from '../../src/decode/result.js';
import { rawPacket, sll } from '../support/packet-bytes.js';
import {
  clientSynFrame, clientSynPacket, fragNeededFrame, gratuitousArpFrame, nullPingFrame, qinqSynFrame,
  sll2OutgoingSynFrame, udp6Frame, unsolicitedNaFrame, vrrpAdvertFrame,
} from './sample-frames.js';

type Sample = {
  name: string;
  bytes: Uint8Array;
  linkType: number;
  /** [end, code]: a prefix shorter than `end` (and not shorter than the previous end) fails with `code`. */
  layers: readonly (readonly [number, DecodeIssueCode])[];
  /** The shortest prefix with a transport record, when it comes before the end of the last layer. */
  l4From?: number;
};

const SAMPLES: readonly Sample[] = [
  { name: 'client SYN', bytes: clientSynFrame(), linkType: LINKTYPE.ETHERNET,
    layers: [[14, 'ethernet.truncated'], [34, 'ipv4.truncated'], [74, 'tcp.truncated']] },
  { name: 'gratuitous ARP', bytes: gratuitousArpFrame(), linkType: LINKTYPE.ETHERNET,
    layers: [[14, 'ethernet.truncated'], [42, 'arp.truncated']] },
  { name: 'VRRPv2 advert', bytes: vrrpAdvertFrame(), linkType: LINKTYPE.ETHERNET,
    layers: [[14, 'ethernet.truncated'], [34, 'ipv4.truncated'], [54, 'vrrp.truncated']] },
  { name: 'ICMP frag-needed', bytes: fragNeededFrame(), linkType: LINKTYPE.ETHERNET,
    layers: [[14, 'ethernet.truncated'], [34, 'ipv4.truncated'], [42, 'icmp.truncated']] },
  { name: 'unsolicited NA', bytes: unsolicitedNaFrame(), linkType: LINKTYPE.ETHERNET,
    // From 78 bytes on the NA itself is there and only its option is cut.
    layers: [[14, 'ethernet.truncated'], [54, 'ipv6.truncated'], [86, 'icmpv6.truncated']], l4From: 78 },
  { name: 'QinQ SYN', bytes: qinqSynFrame(), linkType: LINKTYPE.ETHERNET,
    layers: [[14, 'ethernet.truncated'], [22, 'vlan.truncated'], [42, 'ipv4.truncated'], [82, 'tcp.truncated']] },
  { name: 'SLL2 outgoing SYN', bytes: sll2OutgoingSynFrame(), linkType: LINKTYPE.LINUX_SLL2,
    layers: [[20, 'sll2.truncated'], [40, 'ipv4.truncated'], [80, 'tcp.truncated']] },
  { name: 'SLL SYN', bytes: sll({ protocol: 0x0800, payload: clientSynPacket() }), linkType: LINKTYPE.LINUX_SLL,
    layers: [[16, 'sll.truncated'], [36, 'ipv4.truncated'], [76, 'tcp.truncated']] },
  { name: 'NULL ping (le)', bytes: nullPingFrame('le'), linkType: LINKTYPE.NULL,
    layers: [[4, 'null.truncated'], [24, 'ipv4.truncated'], [32, 'icmp.truncated']] },
  { name: 'LOOP ping', bytes: nullPingFrame('be'), linkType: LINKTYPE.LOOP,
    layers: [[4, 'null.truncated'], [24, 'ipv4.truncated'], [32, 'icmp.truncated']] },
  { name: 'RAW SYN', bytes: clientSynPacket(), linkType: LINKTYPE.RAW,
    layers: [[1, 'link.truncated'], [20, 'ipv4.truncated'], [60, 'tcp.truncated']] },
  { name: 'IPV6 UDP', bytes: udp6Frame().subarray(14), linkType: LINKTYPE.IPV6,
    layers: [[40, 'ipv6.truncated'], [48, 'udp.truncated']] },
];

function expectedCode(sample: Sample, n: number): DecodeIssueCode | undefined {
  return sample.layers.find(([end]) => n < end)?.[1];
}

function layerOf(code: DecodeIssueCode): string {
  return code.slice(0, code.indexOf('.'));
}

const LINK_LAYERS = new Set(['link', 'ethernet', 'sll', 'sll2', 'null']);
const IP_LENGTH_CODES = new Set(['ipv4.total-length-exceeds-frame', 'ipv6.payload-length-exceeds-frame']);

/** Where the link header ends (0 when the link type has none). */
function linkHeaderEnd(sample: Sample): number {
  const [end, code] = sample.layers[0]!;
  return LINK_LAYERS.has(layerOf(code)) ? end : 0;
}

/** Where the IP header ends, if the sample has one. */
function ipHeaderEnd(sample: Sample): number | undefined {
  return sample.layers.find(([, code]) => code.startsWith('ipv'))?.[0];
}

describe.each(SAMPLES)('decodeFrame on every prefix of the $name', (sample) => {
  const full = sample.bytes.length;
  const headersEnd = sample.layers[sample.layers.length - 1]![0];

  it('cut by the snap length: the cut layer is named, cause snaplen, the layers before it kept', () => {
    for (let n = 0; n < full; n++) {
      const frame = decodeFrame(rawPacket(sample.bytes, sample.linkType, { caplen: n, len: full }));
      const code = expectedCode(sample, n);
      if (code === undefined) {
        expect({ n, issue: frame.issue }).toEqual({ n, issue: undefined });
        continue;
      }
      expect({ n, code: frame.issue?.code, cause: frame.issue?.cause }).toEqual({ n, code, cause: 'snaplen' });
      expect({ n, hasLink: frame.link !== undefined }).toEqual({ n, hasLink: n >= linkHeaderEnd(sample) });
      const ipEnd = ipHeaderEnd(sample);
      if (ipEnd !== undefined) expect({ n, hasIp: frame.ip !== undefined }).toEqual({ n, hasIp: n >= ipEnd });
      expect({ n, hasL4: frame.l4 !== undefined }).toEqual({ n, hasL4: n >= (sample.l4From ?? headersEnd) });
    }
  });

  it('captured whole but that short: malformed at the same layer', () => {
    for (let n = 0; n < full; n++) {
      const frame = decodeFrame(rawPacket(sample.bytes.slice(0, n), sample.linkType));
      const code = expectedCode(sample, n);
      if (code === undefined) {
        // All headers are there; at most the IP length disagrees with the shorter frame.
        expect({ n, cause: frame.issue?.cause ?? 'none' }).toMatchObject({ n, cause: expect.stringMatching(/^(none|malformed)$/) });
        expect(frame.l4 ?? frame.arp).toBeDefined();
        continue;
      }
      expect({ n, cause: frame.issue?.cause }).toEqual({ n, cause: 'malformed' });
      // Where the cut leaves a complete but shorter packet, it is the IP length that is wrong.
      const issueCode = frame.issue?.code ?? '';
      if (!IP_LENGTH_CODES.has(issueCode)) expect({ n, layer: frame.issue?.layer }).toEqual({ n, layer: layerOf(code) });
    }
  });

  it('the whole frame decodes without an issue', () => {
    const frame = decodeFrame(rawPacket(sample.bytes, sample.linkType));
    expect(frame.issue).toBeUndefined();
    expect(frame.l4 ?? frame.arp).toBeDefined();
    expect(headersEnd).toBeLessThanOrEqual(full);
  });
});
