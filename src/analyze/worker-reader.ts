// Capture readers whose files are read and decoded in worker threads (decode-worker.ts). They
// look like any CaptureReader to the rest of the analysis (error, stats, bytes read), and
// hand over decoded batches instead of raw ones. A pool spreads the files of one analysis
// over as many workers as there are spare cores: a worker's start-up and JIT warm-up cost
// more than one more file in the same worker.

import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { openCaptureFile } from '../io/open-capture.js';
import type { CaptureReader } from '../io/read-capture.js';
import type { ReaderSnapshot, WorkerMessage } from './decode-worker-protocol.js';
import { DecodedBatch } from './sighting-codec.js';

const WORKER_URL = new URL('./decode-worker.js', import.meta.url);
/** Batches decoded ahead of the main thread, per capture. */
const AHEAD = 2;

export type DecodingReader = CaptureReader & {
  /** The capture's frames decoded and hashed by a worker; single use, instead of batches(). */
  decodedBatches(): AsyncGenerator<DecodedBatch, void, void>;
};

export function isDecodingReader(r: CaptureReader): r is DecodingReader {
  return typeof (r as Partial<DecodingReader>).decodedBatches === 'function';
}

/** Whether decode workers can run here (the worker script exists: compiled code, not sources under a test runner). */
export function decodeWorkersAvailable(): boolean {
  return WORKER_URL.protocol === 'file:' && existsSync(fileURLToPath(WORKER_URL));
}

export type DecodePool = {
  reader(file: string): DecodingReader;
};

/** Workers for `files` captures: one per spare core, started when the first reader starts. */
export function createDecodePool(files: number): DecodePool {
  const size = Math.max(1, Math.min(files, availableParallelism() - 1));
  const workers: Worker[] = [];
  let assigned = 0, running = 0;
  const start = (file: string) => {
    if (workers.length === 0) {
      for (let i = 0; i < size; i++) {
        const w = new Worker(WORKER_URL);
        // A worker that is not decoding must not keep the process alive.
        w.unref();
        workers.push(w);
      }
    }
    const { port1, port2 } = new MessageChannel();
    workers[assigned++ % size]!.postMessage({ file, port: port2 }, [port2]);
    running++;
    return port1;
  };
  const done = () => {
    if (--running > 0) return;
    for (const w of workers.splice(0)) void w.terminate();
    assigned = 0;
  };
  return { reader: (file) => decodingReader(file, start, done) };
}

function decodingReader(file: string, start: (file: string) => MessagePort, done: () => void): DecodingReader {
  let state: ReaderSnapshot = {
    format: undefined, compressed: false, interfaces: [], stats: [], warnings: [], error: undefined, bytesRead: 0, packetCount: 0,
  };
  return {
    get format() { return state.format; },
    get compressed() { return state.compressed; },
    get interfaces() { return state.interfaces; },
    get stats() { return state.stats; },
    get warnings() { return state.warnings; },
    get error() { return state.error; },
    get bytesRead() { return state.bytesRead; },
    get packetCount() { return state.packetCount; },
    // Raw packets are not what this reader is for; asked anyway, it reads the file here.
    batches: () => openCaptureFile(file).batches(),
    async *decodedBatches() {
      const port = start(file);
      const inbox: WorkerMessage[] = [];
      let wake: (() => void) | undefined;
      port.on('message', (m: WorkerMessage) => { inbox.push(m); const w = wake; wake = undefined; w?.(); });
      try {
        port.postMessage({ credit: AHEAD });
        for (;;) {
          while (inbox.length === 0) await new Promise<void>((resolve) => { wake = resolve; });
          const m = inbox.shift()!;
          if (m.type === 'crash') throw new Error(`decode worker for ${file}: ${m.message}`);
          state = m.reader;
          if (m.type === 'end') return;
          yield new DecodedBatch(m.batch);
          port.postMessage({ credit: 1 });
        }
      } finally {
        port.close();
        done();
      }
    },
  };
}
