// Names each capture after its file (rs1.pcap → rs1) unless --role NAME=FILE names it. A
// pcapng file with several interfaces becomes one capture per interface (director:eth0,
// director:eth1), each read from the file with the others' packets left out.

import { basename } from 'node:path';
import { openCaptureFile, readCaptureStream } from '../io/open-capture.js';
import type { Role } from '../report/report-types.js';
import { interfaceParts } from './capture-interfaces.js';
import type { CaptureInput } from './capture-source.js';
import { useDecodeWorkers } from './decode-placement.js';
import { createDecodePool } from './worker-reader.js';

export type RoleAssignment = { readonly name: string; readonly file: string; readonly role?: Role };

export function captureNameOf(file: string): string {
  if (file === '-') return 'stdin';
  return basename(file).replace(/\.(pcapng|pcap|cap|dmp)(\.gz)?$/i, '') || file;
}

export async function openInputs(
  files: readonly string[],
  roles: readonly RoleAssignment[],
  stdin: NodeJS.ReadableStream & AsyncIterable<Uint8Array>,
): Promise<CaptureInput[]> {
  const inputs: CaptureInput[] = [];
  const all = [...files, ...roles.map((r) => r.file).filter((f) => !files.includes(f))];
  const parts = await Promise.all(all.map((f) => (f === '-' ? [] : interfaceParts(f))));
  // Decode workers take whole files; a file read as several interfaces is read here.
  const whole = all.filter((f, i) => f !== '-' && parts[i]!.length === 0);
  const pool = useDecodeWorkers(whole) ? createDecodePool(whole.length) : undefined;
  all.forEach((file, i) => {
    const role = roles.find((r) => r.file === file);
    const name = role?.name ?? captureNameOf(file);
    const roleHint = role?.role ? { roleHint: role.role } : {};
    for (const part of parts[i]!) {
      const reader = openCaptureFile(file, { recycleBuffers: true, keepInterface: part.keeps });
      inputs.push({ file, name: `${name}:${part.label}`, ...roleHint, reader, part });
    }
    if (parts[i]!.length > 0) return;
    inputs.push({
      file, name, ...roleHint,
      // The analysis decodes each packet once and keeps no bytes: read buffers can be reused.
      reader: file === '-' ? readCaptureStream(stdin) : pool ? pool.reader(file) : openCaptureFile(file, { recycleBuffers: true }),
    });
  });
  return inputs;
}
