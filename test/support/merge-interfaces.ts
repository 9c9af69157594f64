// Writes several real captures into one pcapng file, packets in time order: one interface
// each, as `mergecap -I none` or `dumpcap -i eth0 -i eth1` make, or all on one.

import { createWriteStream } from 'node:fs';
import { createPcapngWriter } from '../../src/io/pcapng-writer.js';
import { packetsOf } from './fixture-captures.js';

export type MergedInterface = { readonly name: string; readonly file: string };

/**
 * Returns, per input in order, the merged file's frame numbers of its packets. With
 * `oneInterface`, every packet goes on one interface, as plain mergecap and Wireshark's
 * File › Merge do when the inputs' interfaces look alike.
 */
export async function mergeInterfaces(parts: readonly MergedInterface[], out: string, oneInterface = false): Promise<number[][]> {
  const lists = await Promise.all(parts.map((p) => packetsOf(p.file)));
  const all = lists.flatMap((list, interfaceId) => list.map((p) => ({ p, interfaceId })));
  // Stable: packets of one capture keep their order on equal timestamps.
  all.sort((a, b) => a.p.tsSec - b.p.tsSec || a.p.tsNsec - b.p.tsNsec);
  const writer = createPcapngWriter(createWriteStream(out), {
    interfaces: (oneInterface ? parts.slice(0, 1) : parts).map((part, i) => ({ name: part.name, linkType: lists[i]![0]?.linkType ?? 1 })),
  });
  const frames: number[][] = parts.map(() => []);
  let frame = 0;
  for (const { p, interfaceId } of all) {
    await writer.writePacket({ interfaceId: oneInterface ? 0 : interfaceId, tsSec: p.tsSec, tsNsec: p.tsNsec, data: p.data.slice(), len: p.len });
    frames[interfaceId]!.push(++frame);
  }
  await writer.close();
  return frames;
}
