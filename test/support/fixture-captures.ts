// Every recorded fixture capture and its packets, for tests that hold a function to a
// reference on all real frames (decoders, hashes, codecs, line writers).

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { openCaptureFile } from '../../src/io/open-capture.js';
import type { RawPacket } from '../../src/io/raw-packet.js';

export const FIXTURES = join(import.meta.dirname, '../../fixtures');

/** The pcap and pcapng files of every fixture folder, folder by folder. */
export function fixtureCaptureFiles(): string[] {
  const files: string[] = [];
  for (const dir of readdirSync(FIXTURES, { withFileTypes: true }).filter((d) => d.isDirectory())) {
    for (const name of readdirSync(join(FIXTURES, dir.name)).filter((f) => /\.pcap(ng)?$/.test(f))) files.push(join(FIXTURES, dir.name, name));
  }
  return files;
}

export async function packetsOf(file: string): Promise<RawPacket[]> {
  const out: RawPacket[] = [];
  for await (const batch of openCaptureFile(file).batches()) out.push(...batch);
  return out;
}
