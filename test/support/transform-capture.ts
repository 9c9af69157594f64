// Copies of real captures with one property changed the way a person's capture would
// differ: another host's clock (a time shift), or a short snap length. The packets stay the
// ones the real kernel produced.

import { createWriteStream, mkdtempSync, readdirSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCaptureFile } from '../../src/io/open-capture.js';
import { createPcapngWriter } from '../../src/io/pcapng-writer.js';

export type Transform = { readonly shiftSeconds?: number; readonly snapLen?: number };

export async function transformCapture(input: string, output: string, t: Transform): Promise<void> {
  const reader = openCaptureFile(input);
  const writer = createPcapngWriter(createWriteStream(output));
  const ids = new Map<number, number>();
  for await (const batch of reader.batches()) {
    for (const p of batch) {
      let id = ids.get(p.interfaceId);
      if (id === undefined) {
        id = await writer.addInterface({ name: 'eth0', linkType: p.linkType });
        ids.set(p.interfaceId, id);
      }
      let sec = p.tsSec + Math.trunc(t.shiftSeconds ?? 0);
      let nsec = p.tsNsec + Math.round(((t.shiftSeconds ?? 0) % 1) * 1e9);
      if (nsec >= 1e9) { sec++; nsec -= 1e9; } else if (nsec < 0) { sec--; nsec += 1e9; }
      const data = t.snapLen !== undefined ? p.data.subarray(0, t.snapLen) : p.data;
      await writer.writePacket({ interfaceId: id, tsSec: sec, tsNsec: nsec, data: Uint8Array.from(data), len: p.len });
    }
  }
  if (reader.error) throw new Error(`${input}: ${reader.error.message}`);
  await writer.close();
}

/** A temporary copy of a fixture folder's captures with `changes` applied per capture name. */
export async function fixtureVariant(fixtureDir: string, changes: Readonly<Record<string, Transform>>): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'lvsd-variant-'));
  for (const f of readdirSync(fixtureDir).filter((n) => /\.pcap(ng)?$/.test(n))) {
    const name = f.replace(/\.pcap(ng)?$/, '');
    const change = changes[name];
    if (change) await transformCapture(join(fixtureDir, f), join(dir, `${name}.pcapng`), change);
    else copyFileSync(join(fixtureDir, f), join(dir, f));
  }
  return dir;
}
