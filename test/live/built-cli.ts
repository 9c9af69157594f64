// The namespace tests run the built CLI (`node dist/cli/bin.js`), as an operator would. When
// dist is older than src it is rebuilt first; a lock directory keeps parallel test files from
// building at the same time.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const CLI = join(ROOT, 'dist/cli/bin.js');
const BUILD_TIMEOUT_MS = 180_000;

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function isStale(): boolean {
  const built = [CLI, join(ROOT, 'dist/live/capture-process.js')];
  if (!built.every(existsSync)) return true;
  const oldest = Math.min(...built.map((f) => statSync(f).mtimeMs));
  return newestMtime(join(ROOT, 'src')) > oldest;
}

export function ensureBuilt(): void {
  if (!isStale()) return;
  const lock = join(tmpdir(), `lvs-doctor-build-${Buffer.from(ROOT).toString('hex').slice(-24)}`);
  const deadline = Date.now() + BUILD_TIMEOUT_MS;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`another build holds ${lock}`);
      execFileSync('sleep', ['0.5']);
    }
  }
  try {
    if (!isStale()) return;
    try {
      execFileSync('npm', ['run', 'build'], { cwd: ROOT, timeout: BUILD_TIMEOUT_MS, stdio: 'ignore' });
    } catch (err) {
      // Type errors elsewhere still emit JavaScript; only a missing CLI is fatal here.
      if (!existsSync(CLI)) throw err;
    }
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
