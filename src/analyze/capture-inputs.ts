// Names each capture after its file (rs1.pcap → rs1) unless --role NAME=FILE names it.

import { basename } from 'node:path';
import { openCaptureFile, readCaptureStream } from '../io/open-capture.js';
import type { Role } from '../report/report-types.js';
import type { CaptureInput } from './capture-source.js';
import { useDecodeWorkers } from './decode-placement.js';
import { createDecodePool } from './worker-reader.js';

export type RoleAssignment = { readonly name: string; readonly file: string; readonly role?: Role };

export function captureNameOf(file: string): string {
  if (file === '-') return 'stdin';
  return basename(file).replace(/\.(pcapng|pcap|cap|dmp)(\.gz)?$/i, '') || file;
}

export function openInputs(
  files: readonly string[],
  roles: readonly RoleAssignment[],
  stdin: NodeJS.ReadableStream & AsyncIterable<Uint8Array>,
): CaptureInput[] {
  const inputs: CaptureInput[] = [];
  const all = [...files, ...roles.map((r) => r.file).filter((f) => !files.includes(f))];
  const pool = useDecodeWorkers(all) ? createDecodePool(all.filter((f) => f !== '-').length) : undefined;
  for (const file of all) {
    const role = roles.find((r) => r.file === file);
    inputs.push({
      file,
      name: role?.name ?? captureNameOf(file),
      ...(role?.role ? { roleHint: role.role } : {}),
      // The analysis decodes each packet once and keeps no bytes: read buffers can be reused.
      reader: file === '-' ? readCaptureStream(stdin) : pool ? pool.reader(file) : openCaptureFile(file, { recycleBuffers: true }),
    });
  }
  return inputs;
}
