// The decode command's fast JSON line must be the text safeJsonStringify(decodeRecordOf())
// produces, for every kind of frame the decoders return.

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeFrame } from '../../src/decode/frame.js';
import type { RawPacket } from '../../src/io/raw-packet.js';
import { DecodeLineWriter, decodeJsonLine } from '../../src/report/decode-line.js';
import { decodeRecordOf } from '../../src/report/decode-record.js';
import { safeJsonStringify } from '../../src/report/escape.js';
import { FIXTURES, fixtureCaptureFiles, packetsOf } from '../support/fixture-captures.js';


function slowLine(file: string, raw: RawPacket): string {
  return `${safeJsonStringify(decodeRecordOf(file, decodeFrame(raw)))}\n`;
}

describe('decodeJsonLine', () => {
  it('writes what decodeRecordOf + safeJsonStringify write, for every fixture frame', async () => {
    let frames = 0;
    for (const file of fixtureCaptureFiles()) {
      for (const raw of await packetsOf(file)) {
        expect(decodeJsonLine(file, decodeFrame(raw))).toBe(slowLine(file, raw));
        // The decode command writes the analysis's packed records.
        expect(decodeJsonLine(file, decodeFrame(raw, true))).toBe(slowLine(file, raw));
        frames++;
      }
    }
    expect(frames).toBeGreaterThan(1000);
  });

  it('writes the same lines through one writer, whose address-pair and seconds caches carry over', async () => {
    // Every fixture file through one writer, then the same frames with their seconds and
    // addresses scrambled: cache slots are reused by other pairs, TTLs vary and seconds go backwards.
    const writer = new DecodeLineWriter('all.pcap', 64);
    let expected = '';
    for (const file of fixtureCaptureFiles()) {
      for (const raw of await packetsOf(file)) {
        const variants: RawPacket[] = [raw];
        if (raw.data.length >= 34) {
          const data = raw.data.slice();
          data[5] = (data[5]! + raw.frame) & 0xff;
          data[29] = (data[29]! + 7 * raw.frame) & 0xff;
          data[22] = (data[22]! + (raw.frame % 5)) & 0xff; // TTL: part of a cached segment
          variants.push({ ...raw, data, tsSec: raw.tsSec - (raw.frame % 3) });
        }
        for (const v of variants) {
          writer.add(decodeFrame(v, true));
          expected += slowLine('all.pcap', v);
        }
      }
    }
    expect(new TextDecoder().decode(writer.take())).toBe(expected);
  });

  it('escapes the file name as JSON and against terminal tricks, and handles cut and odd frames', async () => {
    const file = join(FIXTURES, 'healthy-wrr', 'director.pcap');
    const names = ['a "quoted"\\name\n.pcap', 'bidi\u202e.pcap', 'del\u007f.pcap', 'ünïcødé ☃.pcap', 'lone \ud800 surrogate.pcap'];
    for (const raw of (await packetsOf(file)).slice(0, 40)) {
      for (const name of names) expect(decodeJsonLine(name, decodeFrame(raw))).toBe(slowLine(name, raw));
      // Cut at every length and given other link types: every decode issue and link kind.
      for (let cut = 0; cut <= raw.data.length; cut += 3) {
        for (const linkType of [1, 0, 101, 113, 276]) {
          const odd: RawPacket = { ...raw, linkType, caplen: cut, data: raw.data.subarray(0, cut) };
          expect(decodeJsonLine(file, decodeFrame(odd))).toBe(slowLine(file, odd));
        }
      }
    }
  });
});
