// Tests that need an external program (tshark, tmux, python3) or a shared file skip with a
// reason when it is missing on a workstation, and fail in CI (CI=true), where it must exist.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export function hasCommand(name: string): boolean {
  const probe = spawnSync(name, ['--version'], { stdio: 'ignore' });
  if (probe.error === undefined) return true;
  return (probe.error as NodeJS.ErrnoException).code !== 'ENOENT';
}

export type Requirement = { readonly skip: boolean; readonly label: string };

function requirement(present: boolean, what: string): Requirement {
  const skip = !present && process.env.CI !== 'true';
  return { skip, label: skip ? `(skipped: ${what} is not available)` : '' };
}

export function requireCommand(name: string): Requirement {
  return requirement(hasCommand(name), name);
}

export function requireFile(path: string): Requirement {
  return requirement(existsSync(path), path);
}
