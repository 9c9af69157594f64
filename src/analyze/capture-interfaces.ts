// A pcapng file can hold several interfaces: `dumpcap -i eth0 -i eth1` on a director with a
// front and a back NIC, or `mergecap -I none` of several hosts' captures. Each interface is a
// vantage point of its own (the host inference takes a capture's own MAC to be the one in
// nearly every frame), so each becomes a capture of its own, read from the same file.

import { statSync } from 'node:fs';
import { openCaptureFile } from '../io/open-capture.js';
import type { CaptureReader } from '../io/read-capture.js';

/** One interface of a file, analysed as a capture. */
export type InterfacePart = {
  /** Printable interface name (eth0), or if<N> when the capture names none. */
  readonly label: string;
  /** Global interface ids whose packets this capture holds. */
  readonly keeps: (interfaceId: number) => boolean;
};

/**
 * How much of a pcapng file is looked at for interfaces: its first MiB, in small reads so that
 * a classic pcap, which has one interface, is left after its first packet. A rotated capture
 * is hundreds of files, each peeked at before the analysis.
 */
const PEEK_CHUNK = 64 * 1024;
const PEEK_BYTES = 1024 * 1024;
const MAX_LABEL = 32;
/**
 * Each part reads the whole file again: a file with more interfaces than any DR set-up has (a
 * hostile one can describe thousands) stays one capture, as it was before parts existed.
 */
export const MAX_INTERFACE_PARTS = 16;

/** What the first chunk of a file says before the analysis reads it. */
export type CapturePeek = {
  /** See interfaceParts. */
  readonly parts: readonly InterfacePart[];
  /** Time of the first packet (seconds), for ordering the files of a rotated capture. */
  readonly firstT: number | undefined;
};

const NOTHING_SEEN: CapturePeek = { parts: [], firstT: undefined };

/**
 * Peeks at `file`'s first chunk. Its parts are the interfaces that carry packets there, when
 * there are two or more; otherwise none (the file is one capture, as before). Interfaces
 * described later, or silent at the start, stay with the last part, so no packet is dropped.
 * Read errors are left to the analysis, which reports them. More than MAX_INTERFACE_PARTS such
 * interfaces: none. Anything but a regular file is not peeked at.
 */
export async function peekCapture(file: string): Promise<CapturePeek> {
  // Only a regular file can be read twice: what a pipe (a FIFO, <(tcpdump …)) gave the peek
  // would be lost to the analysis.
  if (!isRegularFile(file)) return NOTHING_SEEN;
  const reader = openCaptureFile(file, { chunkSize: PEEK_CHUNK });
  const seen = new Set<number>();
  let firstT: number | undefined;
  // The typed-array batches the analysis reads too: framing into another kind of sink here would
  // make the framer's call sites polymorphic for the whole run (measured: 25 % slower).
  const batches = reader.packetBatches!();
  try {
    for await (const batch of batches) {
      if (batch.length > 0) firstT ??= batch.time(0);
      for (let i = 0; i < batch.length; i++) seen.add(batch.interfaceIdOf(i));
      if (reader.format !== 'pcapng' || reader.bytesRead >= PEEK_BYTES) break;
    }
  } finally {
    await batches.return();
  }
  return { parts: interfaceParts(reader, seen), firstT };
}

function interfaceParts(reader: CaptureReader, seen: ReadonlySet<number>): readonly InterfacePart[] {
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
