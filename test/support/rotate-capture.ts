// Splits a recorded classic pcap into consecutive files the way `tcpdump -C` rotates one: each
// file is the capture's own file header followed by a run of its records, byte for byte.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packetsOf } from './fixture-captures.js';

const PCAP_HEADER = 24;

export type RotatedPart = {
  readonly file: string;
  readonly frames: number;
  /** What to add to a byte offset in this file to find the same byte in the whole capture. */
  readonly byteShift: number;
};

/** Naming schemes of rotating capture tools, for part `k` of a capture of host `host`. */
export const ROTATION_NAMES = {
  /** tcpdump -C: director.pcap, director.pcap1, director.pcap2, … */
  tcpdump: (host: string, k: number) => (k === 0 ? `${host}.pcap` : `${host}.pcap${k}`),
  /** dumpcap -b / editcap -c: director_00001_20261121180555.pcap */
  dumpcap: (host: string, k: number, firstSec: number) => `${host}_${String(k + 1).padStart(5, '0')}_${stamp(firstSec)}.pcap`,
  /** tcpdump -G 60 -w host-%Y%m%d-%H%M%S.pcap */
  strftime: (host: string, _k: number, firstSec: number) => {
    const s = stamp(firstSec);
    return `${host}-${s.slice(0, 8)}-${s.slice(8)}.pcap`;
  },
} as const;

function stamp(sec: number): string {
  return new Date(sec * 1000).toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/**
 * Writes `input` into `dir` as files of at most `perFile` records, named by `name`. Returns the
 * files in capture order with their frame counts.
 */
export async function rotateCapture(
  input: string, dir: string, host: string, perFile: number, name: (host: string, k: number, firstSec: number) => string,
): Promise<RotatedPart[]> {
  const bytes = readFileSync(input);
  const magic = bytes.readUInt32LE(0);
  if (magic !== 0xa1b2c3d4 && magic !== 0xa1b23c4d) throw new Error(`${input}: not a little-endian classic pcap`);
  const packets = await packetsOf(input);
  const parts: RotatedPart[] = [];
  for (let start = 0, k = 0; start < packets.length; start += perFile, k++) {
    const end = Math.min(start + perFile, packets.length);
    const from = packets[start]!.fileOffset;
    const to = end < packets.length ? packets[end]!.fileOffset : bytes.length;
    const file = join(dir, name(host, k, packets[start]!.tsSec));
    writeFileSync(file, Buffer.concat([bytes.subarray(0, PCAP_HEADER), bytes.subarray(from, to)]));
    parts.push({ file, frames: end - start, byteShift: from - PCAP_HEADER });
  }
  return parts;
}
