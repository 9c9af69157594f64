// `lvs-doctor analyze DIR` reads the captures in DIR: what `watch --write DIR` saved, a folder
// of rotated files, a folder per incident. Only names a capture tool gives its files are taken,
// so notes, configurations and exports beside them are left alone.

import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { CaptureError } from '../io/capture-error.js';

/** .pcap, .pcapng, .cap, .dmp, tcpdump -C's .pcap1, …, each possibly gzipped. */
export const CAPTURE_FILE_NAME = /\.(pcapng|pcap|cap|dmp)\d*(\.gz)?$/i;

/** Whether a directory entry is a capture file that `analyze DIR` reads (not hidden, not a directory). */
export function isCaptureEntry(e: Dirent): boolean {
  return !e.isDirectory() && !e.name.startsWith('.') && CAPTURE_FILE_NAME.test(e.name);
}

export type ExpandedInputs = {
  readonly files: readonly string[];
  /** Directories with no capture file in them, as the error the user sees. */
  readonly errors: readonly { readonly file: string; readonly error: CaptureError }[];
};

/** Each directory among `files` replaced by its capture files, sorted by name; other names kept as given. */
export async function expandDirectories(files: readonly string[]): Promise<ExpandedInputs> {
  const out: string[] = [];
  const errors: { file: string; error: CaptureError }[] = [];
  for (const file of files) {
    const names = file === '-' ? undefined : await captureNamesIn(file);
    if (names === undefined) { out.push(file); continue; }
    if (names.length === 0) {
      errors.push({ file, error: { code: 'read-failed', offset: 0, message: 'a directory with no capture file in it (*.pcap, *.pcapng, *.cap, *.dmp, *.pcap1 …, also gzipped)' } });
    }
    for (const name of names) if (!out.includes(join(file, name))) out.push(join(file, name));
  }
  return { files: out, errors };
}

/** The capture file names in `path` when it is a directory; undefined for anything else. */
async function captureNamesIn(path: string): Promise<string[] | undefined> {
  try {
    if (!(await stat(path)).isDirectory()) return undefined;
    const entries = await readdir(path, { withFileTypes: true });
    return entries.filter(isCaptureEntry).map((e) => e.name).sort();
  } catch {
    // Not there or not readable: the reader says which, with the file's name.
    return undefined;
  }
}
