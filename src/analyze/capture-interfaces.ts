// A pcapng file can hold several interfaces: `dumpcap -i eth0 -i eth1` on a director with a
// front and a back NIC, or `mergecap -I none` of several hosts' captures. Each interface is a
// vantage point of its own (the host inference takes a capture's own MAC to be the one in
// nearly every frame), so each becomes a capture of its own, read from the same file.

import { statSync } from 'node:fs';
import { openCaptureFile } from '../io/open-capture.js';

/** One interface of a file, analysed as a capture. */
export type InterfacePart = {
  /** Printable interface name (eth0), or if<N> when the capture names none. */
  readonly label: string;
  /** Global interface ids whose packets this capture holds. */
  readonly keeps: (interfaceId: number) => boolean;
};

/** How much of the file is looked at: the first read chunk (1 MiB). */
const PEEK_BATCHES = 1;
const MAX_LABEL = 32;
/**
 * Each part reads the whole file again: a file with more interfaces than any DR set-up has (a
 * hostile one can describe thousands) stays one capture, as it was before parts existed.
 */
export const MAX_INTERFACE_PARTS = 16;

/**
 * The interfaces of `file` that carry packets in its first chunk, when there are two or more;
 * otherwise none (the file is one capture, as before). Interfaces described later, or silent at
 * the start, stay with the last part, so no packet is dropped. Read errors are left to the
 * analysis, which reports them. More than MAX_INTERFACE_PARTS such interfaces, or anything but
 * a regular file: none.
 */
export async function interfaceParts(file: string): Promise<readonly InterfacePart[]> {
  // Only a regular file can be read twice: what a pipe (a FIFO, <(tcpdump …)) gave the peek
  // would be lost to the analysis.
  if (!isRegularFile(file)) return [];
  const reader = openCaptureFile(file);
  const seen = new Set<number>();
  // The typed-array batches the analysis reads too: framing into another kind of sink here would
  // make the framer's call sites polymorphic for the whole run (measured: 25 % slower).
  const batches = reader.packetBatches!();
  try {
    let n = 0;
    for await (const batch of batches) {
      for (let i = 0; i < batch.length; i++) seen.add(batch.interfaceIdOf(i));
      if (++n >= PEEK_BATCHES) break;
    }
  } finally {
    await batches.return();
  }
  if (reader.format !== 'pcapng' || seen.size < 2 || seen.size > MAX_INTERFACE_PARTS) return [];
  const ids = [...seen].sort((a, b) => a - b);
  const names = ids.map((id) => printable(reader.interfaces[id]?.name));
  const last = ids[ids.length - 1]!;
  return ids.map((id, i) => {
    const name = names[i];
    const unique = name !== undefined && names.indexOf(name) === names.lastIndexOf(name);
    return {
      label: name === undefined ? `if${id}` : unique ? name : `${name}.${id}`,
      keeps: id === last ? (x: number) => x === id || !seen.has(x) : (x: number) => x === id,
    };
  });
}

function isRegularFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** An interface name fit for host labels and terminals (capture bytes are untrusted), or undefined. */
function printable(name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  const clean = name.replace(/[^A-Za-z0-9._@-]/g, '_').slice(0, MAX_LABEL);
  return /[A-Za-z0-9]/.test(clean) ? clean : undefined;
}
