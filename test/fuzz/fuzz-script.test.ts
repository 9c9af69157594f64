// `npm run fuzz` end to end with a small run count: the script parses its options, runs the
// fuzz test through vitest and prints the seed and the counts.

import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './seeds.js';

const exec = promisify(execFile);
const SCRIPT = path.join(REPO_ROOT, 'scripts', 'fuzz.mjs');

/** The parent's vitest variables would make the child think it is a worker. */
function childEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST') && k !== 'NODE_OPTIONS' && !k.startsWith('FUZZ_')));
}

async function fuzz(args: readonly string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [SCRIPT, ...args], { cwd: REPO_ROOT, env: childEnv(), timeout: 120_000, maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, out: stdout + stderr };
  } catch (err) {
    const e = err as { code?: unknown; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, out: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

describe('npm run fuzz', () => {
  it('runs the given number of inputs with the given seed and reports the counts', async () => {
    const { code, out } = await fuzz(['--runs', '400', '--pipeline-runs', '8', '--seed', '11', '--no-save']);
    expect(out).toContain('fuzz: seed 11, 400 reader+decoder inputs, 8 analysis inputs');
    expect(out).toContain('fuzz seed 11:');
    expect(out).toMatch(/reader\+decoder: 400 inputs, \d+ packets/);
    expect(out).toMatch(/analysis: 8 inputs, \d+ frames/);
    expect(out).toContain('failures: 0');
    expect(code).toBe(0);
  }, 120_000);

  it('rejects a bad count without running anything', async () => {
    const { code, out } = await fuzz(['--runs', 'many']);
    expect(code).toBe(2);
    expect(out).toContain("fuzz: --runs takes a non-negative integer, not 'many'");
  }, 60_000);
});
