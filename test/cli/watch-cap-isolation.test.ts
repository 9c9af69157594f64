// The libpcap binding is optional and only `watch` on a local interface loads it: analyze
// must run on a machine without it. The proof is the process's own memory map, which lists
// every shared object loaded; the same process then loads the binding to show the probe works.

import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { loadCap } from '../../src/live/cap-binding.js';
import { fakeIo } from '../support/fake-io.js';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const fixtures = join(root, 'fixtures/healthy-wrr');
const binding = join(root, 'node_modules/cap/build/Release/cap.node');
const maps = '/proc/self/maps';
const skip = (!existsSync(maps) || !existsSync(binding)) && process.env.CI !== 'true';

const capLoaded = () => readFileSync(maps, 'utf8').includes('cap.node');

describe.skipIf(skip)(`the capture binding stays unloaded outside watch${skip ? ' (skipped: no /proc or cap is not built)' : ''}`, () => {
  it('analyze, decode and watch without an interface never load cap; loading it shows up', async () => {
    expect(capLoaded()).toBe(false);
    const files = ['client', 'director', 'rs1', 'rs2', 'router'].map((h) => join(fixtures, `${h}.pcap`));
    expect(await run(['analyze', ...files, '--format', 'json'], fakeIo())).toBe(0);
    expect(await run(['decode', files[0]!], fakeIo())).toBe(0);
    expect(await run(['watch', '--remote', `rs1=cat ${files[2]!}`, '--format', 'json'], fakeIo())).toBe(0);
    expect(capLoaded()).toBe(false);
    const loaded = await loadCap();
    expect(loaded.ok).toBe(true);
    expect(capLoaded()).toBe(true);
  });
});
