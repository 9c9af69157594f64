import { it } from 'vitest';
import { runCampaign, summaryLines } from './campaign.js';
it('measure', async () => {
  const t = performance.now();
  const r = await runCampaign({ seed: Number(process.env.S ?? 1), runs: Number(process.env.R ?? 5000), pipelineRuns: Number(process.env.P ?? 50), log: console.log });
  console.log(summaryLines(r).join('\n'), '\ntotal', ((performance.now()-t)/1000).toFixed(1));
  for (const f of r.failures.slice(0, 10)) console.log(f.path, f.index, f.problem, f.inputs.map(i => i.name + ' ' + i.steps.join(', ')));
}, 600000);
