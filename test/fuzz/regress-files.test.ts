// A failing input saved by the fuzzer comes back intact for test/regress/regress.test.ts.

import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pcapBytes, pcapngBytes, payload } from '../support/capture-bytes.js';
import { loadCases, saveFailures } from './regress-files.js';

describe('regression cases', () => {
  it('round-trip bytes, steps and hostile analysis names; saving twice keeps one folder', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lvsd-regress-'));
    const a = pcapBytes({ records: [{ data: payload(60) }] });
    const b = pcapngBytes({ order: 'be', blocks: [] });
    const failure = {
      path: 'pipeline' as const, index: 7, problem: 'threw: RangeError: x\n    at f (a.ts:1:1)', warmupFrames: 10,
      inputs: [
        { name: 'fixtures/x/rs1.pcap', bytes: a, steps: ['truncate@9'], analyzedAs: 'fuzz/0/rs1\u001b]0;t\u0007.pcap' },
        { name: 'sample/pcapng', bytes: b, steps: [] },
      ],
    };
    const written = saveFailures([failure], 'npm run fuzz -- --seed 3', dir);
    expect(saveFailures([failure], 'npm run fuzz -- --seed 3', dir)).toEqual([]);
    expect(written).toHaveLength(1);
    expect(readdirSync(written[0]!).sort()).toEqual(['0.pcap', '1.pcapng', 'case.json']);
    const [c] = loadCases(dir);
    expect(c).toMatchObject({
      path: 'pipeline', problem: 'threw: RangeError: x |     at f (a.ts:1:1)', found: 'npm run fuzz -- --seed 3, pipeline input #7', warmupFrames: 10,
      captures: [
        { file: '0.pcap', analyzedAs: 'fuzz/0/rs1\u001b]0;t\u0007.pcap', madeFrom: 'fixtures/x/rs1.pcap', steps: ['truncate@9'] },
        { file: '1.pcapng', analyzedAs: '1.pcapng', madeFrom: 'sample/pcapng', steps: [] },
      ],
    });
    expect(c!.bytes).toEqual([a, b]);
  });
});
