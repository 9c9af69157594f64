// --write DIR: every packet of a source goes to DIR/<NAME>.pcapng as it arrives, with the
// source's link type and nanosecond timestamps, in one interface named after the source (a
// stream with several interfaces gets one more per interface, NAME-2, NAME-3, ...).

import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import type { CaptureInterface, RawPacket } from '../io/raw-packet.js';
import { createPcapngWriter } from '../io/pcapng-writer.js';

export type SourceWriter = {
  readonly path: string;
  /** Saves a batch; after a write error it keeps the error and saves nothing more. */
  write(batch: readonly RawPacket[], interfaces: readonly CaptureInterface[]): Promise<void>;
  /** Flushes and closes the file. */
  close(): Promise<void>;
  readonly failure: Error | undefined;
  readonly packets: number;
};

/** A file name from a source name: letters, digits, '.', '-', '_' only. */
export function fileNameFor(name: string): string {
  const safe = name.replace(/[^\w.-]/g, '_').replace(/^\.+/, '_');
  return `${safe || 'source'}.pcapng`;
}

export function createSourceWriter(dir: string, name: string): SourceWriter {
  const path = join(dir, fileNameFor(name));
  const out = createWriteStream(path);
  const writer = createPcapngWriter(out);
  const ids = new Map<number, number>();
  let failure: Error | undefined;
  let packets = 0;
  out.on('error', (err) => { failure ??= err; });

  async function interfaceFor(p: RawPacket, interfaces: readonly CaptureInterface[]): Promise<number> {
    const known = ids.get(p.interfaceId);
    if (known !== undefined) return known;
    const snapLen = interfaces.find((i) => i.id === p.interfaceId)?.snapLen ?? 0;
    const id = await writer.addInterface({ name: ids.size === 0 ? name : `${name}-${ids.size + 1}`, linkType: p.linkType, snapLen });
    ids.set(p.interfaceId, id);
    return id;
  }

  return {
    path,
    get failure() { return failure; },
    get packets() { return packets; },
    async write(batch, interfaces) {
      if (failure) return;
      try {
        for (const p of batch) {
          const interfaceId = await interfaceFor(p, interfaces);
          await writer.writePacket({ interfaceId, tsSec: p.tsSec, tsNsec: p.tsNsec, data: p.data, len: p.len });
          packets++;
        }
      } catch (err) {
        failure ??= err instanceof Error ? err : new Error(String(err));
      }
    },
    async close() {
      try {
        await writer.close();
      } catch (err) {
        failure ??= err instanceof Error ? err : new Error(String(err));
      }
    },
  };
}
