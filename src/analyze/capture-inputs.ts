// Names each capture after its file (rs1.pcap → rs1) unless --role NAME=FILE names it. A
// pcapng file with several interfaces becomes one capture per interface (director:eth0,
// director:eth1), each read from the file with the others' packets left out. The files of a
// rotated capture (director.pcap, director.pcap1, …) become one capture read file after file.

import { openCaptureFile, readCaptureStream } from '../io/open-capture.js';
import type { PacketBatch } from '../io/packet-batch.js';
import { BATCH_RING } from '../io/read-capture.js';
import { readCaptureSequence } from '../io/read-sequence.js';
import { chunkRing } from '../io/recycled-file.js';
import { Ring } from '../io/ring.js';
import type { Role } from '../report/report-types.js';
import { peekCapture, type CapturePeek, type InterfacePart } from './capture-interfaces.js';
import type { CaptureInput } from './capture-source.js';
import { useDecodeWorkers } from './decode-placement.js';
import { captureNameOf, groupRotated, rotationKey, type RotationCandidate } from './rotated-files.js';
import { createDecodePool } from './worker-reader.js';

export { captureNameOf } from './rotated-files.js';

export type RoleAssignment = { readonly name: string; readonly file: string; readonly role?: Role };

/** Files peeked at once: each peek holds its read buffers, and a rotated capture can be hundreds of files. */
const PEEK_CONCURRENCY = 8;

/** One capture before grouping: a whole file, or one interface of it. */
type Unit = {
  readonly file: string;
  readonly name: string;
  readonly roleHint?: Role;
  readonly part?: InterfacePart;
  /** Undefined when the unit is never grouped (stdin, a file named by --role). */
  readonly rotation?: RotationCandidate;
};

export async function openInputs(
  files: readonly string[],
  roles: readonly RoleAssignment[],
  stdin: NodeJS.ReadableStream & AsyncIterable<Uint8Array>,
): Promise<CaptureInput[]> {
  const all = [...files, ...roles.map((r) => r.file).filter((f) => !files.includes(f))];
  const peeks = await mapLimited(all, PEEK_CONCURRENCY, (f) => (f === '-' ? Promise.resolve(undefined) : peekCapture(f)));
  const units = all.flatMap((file, i) => unitsOf(file, roles.find((r) => r.file === file), peeks[i]));
  const groups = groupRotated(units.map((u) => u.rotation));
  // Decode workers take whole files; a file read as several interfaces or a rotated capture is read here.
  const whole = groups.filter((g) => g.length === 1 && units[g[0]!]!.file !== '-' && !units[g[0]!]!.part).map((g) => units[g[0]!]!.file);
  const pool = useDecodeWorkers(whole) ? createDecodePool(whole.length) : undefined;
  return groups.map((g) => {
    const first = units[g[0]!]!;
    const { file, name, roleHint, part } = first;
    const hint = roleHint ? { roleHint } : {};
    if (g.length > 1) {
      const members = g.map((k) => units[k]!);
      // One file is read at a time: all share one set of buffers.
      const shared = { recycleBuffers: true, chunkRing: chunkRing(), batchRing: new Ring<PacketBatch>(BATCH_RING) };
      const reader = readCaptureSequence(members.map((u) => ({
        file: u.file,
        open: () => openCaptureFile(u.file, { ...shared, ...(u.part ? { keepInterface: u.part.keeps } : {}) }),
      })));
      return { file, name, ...hint, reader, ...(part ? { interfaceLabel: part.label } : {}) };
    }
    if (part) return { file, name, ...hint, reader: openCaptureFile(file, { recycleBuffers: true, keepInterface: part.keeps }), interfaceLabel: part.label };
    // The analysis decodes each packet once and keeps no bytes: read buffers can be reused.
    const reader = file === '-' ? readCaptureStream(stdin) : pool ? pool.reader(file) : openCaptureFile(file, { recycleBuffers: true });
    return { file, name, ...hint, reader };
  });
}

function unitsOf(file: string, role: RoleAssignment | undefined, peek: CapturePeek | undefined): Unit[] {
  const name = role?.name ?? captureNameOf(file);
  const hint = role?.role ? { roleHint: role.role } : {};
  // A file named by --role, or read from stdin, is a capture of its own.
  const rotation = (label?: string): Pick<Unit, 'rotation'> =>
    (role || !peek ? {} : { rotation: { key: rotationKey(file, label), firstT: peek.firstT } });
  if (!peek || peek.parts.length === 0) return [{ file, name, ...hint, ...rotation() }];
  return peek.parts.map((part) => ({ file, name: `${name}:${part.label}`, ...hint, part, ...rotation(part.label) }));
}

async function mapLimited<T, R>(items: readonly T[], limit: number, f: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await f(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
