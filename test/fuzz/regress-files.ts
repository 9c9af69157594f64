// Failing fuzz inputs kept as regression cases under test/regress/: one folder per case with
// the capture files and case.json (which path failed, why, how it was made, and the names the
// captures were analyzed under). test/regress/regress.test.ts replays every folder.

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Failure } from './campaign.js';
import { REPO_ROOT } from './seeds.js';

export const REGRESS_DIR = path.join(REPO_ROOT, 'test', 'regress');

export type CaseCapture = {
  /** File in the case folder. */
  readonly file: string;
  /** Name the capture was analyzed under (becomes the host label; may hold control characters). */
  readonly analyzedAs: string;
  readonly madeFrom: string;
  readonly steps: readonly string[];
};

export type RegressionCase = {
  readonly path: 'fast' | 'pipeline';
  readonly problem: string;
  readonly found: string;
  /** Frames per capture read before the topology was fixed (pipeline cases). */
  readonly warmupFrames?: number;
  readonly captures: readonly CaseCapture[];
};

export type LoadedCase = RegressionCase & { readonly dir: string; readonly bytes: readonly Uint8Array[] };

function extensionOf(bytes: Uint8Array): string {
  if (bytes.length >= 4 && bytes[0] === 0x0a && bytes[1] === 0x0d && bytes[2] === 0x0d && bytes[3] === 0x0a) return 'pcapng';
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) return 'pcap.gz';
  return 'pcap';
}

/** Writes one folder per failure; returns the folders written (existing identical cases are kept). */
export function saveFailures(failures: readonly Failure[], found: string, dir = REGRESS_DIR): string[] {
  const written: string[] = [];
  for (const f of failures) {
    const hash = createHash('sha256');
    for (const i of f.inputs) hash.update(i.bytes);
    const caseDir = path.join(dir, `${f.path}-${hash.digest('hex').slice(0, 12)}`);
    if (existsSync(caseDir)) continue;
    mkdirSync(caseDir, { recursive: true });
    const captures = f.inputs.map((input, i): CaseCapture => {
      const file = `${i}.${extensionOf(input.bytes)}`;
      writeFileSync(path.join(caseDir, file), input.bytes);
      return { file, analyzedAs: input.analyzedAs ?? file, madeFrom: input.name, steps: input.steps };
    });
    const c: RegressionCase = {
      path: f.path, problem: f.problem.split('\n').slice(0, 3).join(' | '), found: `${found}, ${f.path} input #${f.index}`,
      ...(f.warmupFrames === undefined ? {} : { warmupFrames: f.warmupFrames }), captures,
    };
    writeFileSync(path.join(caseDir, 'case.json'), `${JSON.stringify(c, undefined, 2)}\n`);
    written.push(caseDir);
  }
  return written;
}

export function loadCases(dir = REGRESS_DIR): LoadedCase[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).sort()
    .map((name) => path.join(dir, name))
    .filter((d) => statSync(d).isDirectory() && existsSync(path.join(d, 'case.json')))
    .map((d) => {
      const c = JSON.parse(readFileSync(path.join(d, 'case.json'), 'utf8')) as RegressionCase;
      return { ...c, dir: d, bytes: c.captures.map((cap) => new Uint8Array(readFileSync(path.join(d, cap.file)))) };
    });
}
