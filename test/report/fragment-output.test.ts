// Fragments in what decode and the evidence print: where the fragment sits in its datagram.

import { describe, expect, it } from 'vitest';
import { LINKTYPE } from '../../src/decode/constants.js';
import { decodeFrame } from '../../src/decode/frame.js';
import { decodeJsonLine } from '../../src/report/decode-line.js';
import { decodeRecordOf } from '../../src/report/decode-record.js';
import { safeJsonStringify } from '../../src/report/escape.js';
import { summarizeFrame } from '../../src/report/frame-summary.js';
import { ethernet, ipv4, ipv6, rawPacket, udp } from '../support/packet-bytes.js';

const datagram = udp({ sport: 5060, dport: 5060, payload: new Uint8Array(3000) });
const frameOf = (payload: Uint8Array, etherType = 0x0800) => decodeFrame(rawPacket(ethernet({ etherType, payload }), LINKTYPE.ETHERNET));
const first4 = frameOf(ipv4({ protocol: 17, id: 77, moreFragments: true, payload: datagram.subarray(0, 1480) }));
const last4 = frameOf(ipv4({ protocol: 17, id: 77, fragmentOffset: 2960, payload: datagram.subarray(2960) }));
const first6 = frameOf(ipv6({ nextHeader: 17, extensions: [{ type: 44, moreFragments: true, id: 0x10203 }], payload: datagram.subarray(0, 1232) }), 0x86dd);
const whole = frameOf(ipv4({ protocol: 17, id: 78, payload: udp({ sport: 1, dport: 2 }) }));

describe('fragments in decode records and summaries', () => {
  it('says where each fragment sits, tcpdump-like', () => {
    expect(summarizeFrame(first4)).toBe('192.0.2.1:5060 > 192.0.2.2:5060 UDP len 3000 ttl 64 id 77 frag 0+');
    expect(summarizeFrame(last4)).toBe('192.0.2.1 > 192.0.2.2 proto 17 ttl 64 id 77 frag 2960');
    expect(summarizeFrame(first6)).toBe('2001:db8::1:5060 > 2001:db8::2:5060 UDP len 3000 hlim 64 id 66051 frag 0+');
    expect(summarizeFrame(whole)).toBe('192.0.2.1:1 > 192.0.2.2:2 UDP len 0 ttl 64 id 78');
  });

  it('marks a fragmented outer header of IP in IP, whose first fragment carries the whole client datagram\'s start', () => {
    const inner = ipv4({ src: '198.51.100.10', dst: '192.0.2.100', protocol: 17, id: 5, payload: datagram, transportChecksum: false });
    const outer = frameOf(ipv4({ src: '192.0.2.2', dst: '192.0.2.12', protocol: 4, id: 6, moreFragments: true, payload: inner.subarray(0, 1480) }));
    expect(summarizeFrame(outer)).toBe('192.0.2.2 > 192.0.2.12 IPIP ttl 64 frag 0+: 198.51.100.10:5060 > 192.0.2.100:5060 UDP len 3000 ttl 64 id 5');
    expect(decodeRecordOf('f', outer)).toMatchObject({ 'tunnel.frag_offset': 0, 'tunnel.mf': true, 'ip.id': 5 });
    expect(decodeJsonLine('f', outer)).toBe(`${safeJsonStringify(decodeRecordOf('f', outer))}\n`);
  });

  it('adds frag keys to fragments only, before ip.proto, in the record and the fast line alike', () => {
    expect(decodeRecordOf('f', first4)).toMatchObject({ 'ip.frag_offset': 0, 'ip.mf': true, 'udp.sport': 5060 });
    expect(decodeRecordOf('f', last4)).toMatchObject({ 'ip.frag_offset': 2960, 'ip.mf': false });
    expect(decodeRecordOf('f', first6)).toMatchObject({ 'ip.frag_id': 0x10203, 'ip.frag_offset': 0, 'ip.mf': true });
    expect(Object.keys(decodeRecordOf('f', whole)).some((k) => k.includes('frag') || k === 'ip.mf')).toBe(false);
    const keys = Object.keys(decodeRecordOf('f', first4));
    expect(keys.indexOf('ip.mf')).toBe(keys.indexOf('ip.proto') - 1);
    for (const f of [first4, last4, first6, whole]) expect(decodeJsonLine('f', f)).toBe(`${safeJsonStringify(decodeRecordOf('f', f))}\n`);
  });
});
