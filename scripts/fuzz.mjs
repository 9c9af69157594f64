#!/usr/bin/env node
// Longer fuzzing runs than CI's: `npm run fuzz -- --runs 2000000 --seed 42`.
// Runs test/fuzz/fuzz.test.ts through vitest (the fuzzer is TypeScript) with the numbers given,
// prints the seed and counts, and saves failing inputs as regression cases under test/regress/.
//
//   --runs N            inputs through reader + decoder (default 1,000,000)
//   --pipeline-runs N   capture sets through the whole analysis (default runs / 50)
//   --seed N            32-bit seed (default: random, printed)
//   --save-dir DIR      where failing inputs go (default test/regress)
//   --no-save           keep failing inputs only in the output

import { randomInt } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Parses the command line into the environment the fuzz test reads; throws on bad input. */
export function fuzzEnv(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      runs: { type: 'string', default: '1000000' },
      'pipeline-runs': { type: 'string' },
      seed: { type: 'string' },
      'save-dir': { type: 'string', default: path.join(root, 'test', 'regress') },
      'no-save': { type: 'boolean', default: false },
    },
  });
  const count = (name, text) => {
    const n = Number(text);
    if (!Number.isSafeInteger(n) || n < 0) throw new Error(`--${name} takes a non-negative integer, not '${text}'`);
    return n;
  };
  const runs = count('runs', values.runs);
  const pipelineRuns = values['pipeline-runs'] === undefined ? Math.max(1, Math.round(runs / 50)) : count('pipeline-runs', values['pipeline-runs']);
  const seed = values.seed === undefined ? randomInt(0, 2 ** 32) : count('seed', values.seed);
  if (seed >= 2 ** 32) throw new Error('--seed must be below 2^32');
  return {
    FUZZ_RUNS: String(runs),
    FUZZ_PIPELINE_RUNS: String(pipelineRuns),
    FUZZ_SEED: String(seed),
    ...(values['no-save'] ? {} : { FUZZ_SAVE_DIR: path.resolve(values['save-dir']) }),
  };
}

async function main() {
  let env;
  try {
    env = fuzzEnv(process.argv.slice(2));
  } catch (err) {
    console.error(`fuzz: ${err.message}`);
    process.exitCode = 2;
    return;
  }
  Object.assign(process.env, env);
  console.log(`fuzz: seed ${env.FUZZ_SEED}, ${env.FUZZ_RUNS} reader+decoder inputs, ${env.FUZZ_PIPELINE_RUNS} analysis inputs`);
  const { startVitest } = await import('vitest/node');
  const vitest = await startVitest('test', ['test/fuzz/fuzz.test.ts'], { root, watch: false, run: true });
  await vitest?.close();
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
