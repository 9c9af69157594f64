import { it } from 'vitest';
import { makePipelineInput } from './pipeline.js';
import { inputSeed, Prng } from './prng.js';
import { loadSeeds } from './seeds.js';
import { analyzeCaptures } from '../../src/analyze/engine.js';
import { buildReport } from '../../src/analyze/build-report.js';
import { renderReport } from '../../src/report/write-report.js';
import { readCapture } from '../../src/io/read-capture.js';
import { CHECKS } from '../../src/checks/registry.js';
import { NO_CONFIGURATION } from '../../src/correlate/infer-topology.js';
import { writeFileSync } from 'node:fs';
async function* fromChunks(c: readonly Uint8Array[]) { for (const x of c) yield x; }
it('pipe', async () => {
  const set = await loadSeeds({ corpusSample: 64 });
  for (const i of [6]) {
    const input = makePipelineInput(new Prng(inputSeed(1, i), 1), set);
    const inputs = input.parts.map((p) => ({ file: p.file, name: 'x', reader: readCapture(fromChunks(p.chunks)) }));
    const result = await analyzeCaptures(inputs, { config: NO_CONFIGURATION, checks: CHECKS, warmupFrames: input.warmupFrames });
    const report = buildReport(result);
    writeFileSync('/tmp/fz/report6.json', JSON.stringify(report, null, 1));
    writeFileSync('/tmp/fz/table6.txt', renderReport(report, 'table', { color: false, columns: 100 }));
    writeFileSync('/tmp/fz/in6.pcapng', input.parts[0]!.bytes);
  }
}, 600000);
