// Where captures are decoded: in worker threads (one per file) when several large files are
// analysed together, so reading and decoding run beside the correlation on other cores;
// otherwise on the main thread, where a worker's start-up and hand-over would cost more than
// they save. LVS_DOCTOR_DECODE_WORKERS=0 or 1 overrides the choice.

import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { decodeWorkersAvailable } from './worker-reader.js';

/** Below this much capture data in all, workers do not pay for themselves. */
const WORKER_MIN_BYTES = 16 * 1024 * 1024;

export function useDecodeWorkers(files: readonly string[], env: NodeJS.ProcessEnv = process.env): boolean {
  const forced = env['LVS_DOCTOR_DECODE_WORKERS'];
  if (forced === '0' || !decodeWorkersAvailable()) return false;
  const onDisk = files.filter((f) => f !== '-');
  if (forced === '1') return onDisk.length > 0;
  if (onDisk.length < 2 || availableParallelism() < 2) return false;
  let total = 0;
  for (const f of onDisk) {
    try {
      total += statSync(f).size;
    } catch {
      return false;
    }
  }
  return total >= WORKER_MIN_BYTES;
}
