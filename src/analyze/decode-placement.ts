// Where captures are decoded: on the main thread unless LVS_DOCTOR_DECODE_WORKERS=1, which
// decodes each file in a worker thread beside the correlation. Measured on 2 cores
// (docs/performance.md) the hand-over still costs more than it saves (4 captures, 1M packets:
// 1.23× the wall time, 258 vs 184 MB), so workers are off until that changes.

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
  if (forced !== 'auto') return false;
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
