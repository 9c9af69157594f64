// A capture is one file, or several when it was rotated (tcpdump -C/-G, dumpcap -b). Evidence
// names the file each frame is in, so whatever looks a capture up by file name uses these.

import type { CaptureJson, CapturePartJson } from './report-types.js';

/** The files a capture was read from, in reading order, each with its own error. */
export function filesOf(c: CaptureJson): readonly CapturePartJson[] {
  return c.parts ?? [{ file: c.file, frames: c.frames, ...(c.error ? { error: c.error } : {}) }];
}

/** Each file's clock offset (its capture's), for aligning evidence from any of them. */
export function clockOffsetsByFile(captures: readonly CaptureJson[]): Map<string, number> {
  return new Map(captures.flatMap((c) => filesOf(c).map((p) => [p.file, c.clockOffset ?? 0] as const)));
}
