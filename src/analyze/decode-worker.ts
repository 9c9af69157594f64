// A decode worker: reads capture files, decodes and hashes every frame, and posts the batches
// to the main thread as transferable typed arrays (sighting-codec.ts). One worker may serve
// several files, each over its own MessagePort; the main thread grants each file credit for
// a few batches at a time, which is the backpressure.

import { parentPort } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { hashPacket } from '../correlate/packet-hash.js';
import { decodeFrame } from '../decode/frame.js';
import { openCaptureFile } from '../io/open-capture.js';
import type { CaptureReader } from '../io/read-capture.js';
import { SightingBatchWriter } from './sighting-codec.js';
import type { ReaderSnapshot, WorkerMessage } from './decode-worker-protocol.js';

function snapshot(r: CaptureReader): ReaderSnapshot {
  return {
    format: r.format, compressed: r.compressed, interfaces: r.interfaces, stats: r.stats, warnings: r.warnings,
    error: r.error, bytesRead: r.bytesRead, packetCount: r.packetCount,
  };
}

async function decodeFile(file: string, port: MessagePort): Promise<void> {
  let credit = 0;
  let wake: (() => void) | undefined;
  port.on('message', (m: { credit: number }) => {
    credit += m.credit;
    const w = wake;
    wake = undefined;
    w?.();
  });
  const post = (m: WorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);
  try {
    const reader = openCaptureFile(file, { recycleBuffers: true });
    for await (const batch of reader.packetBatches!()) {
      const w = new SightingBatchWriter(batch.length);
      for (let i = 0; i < batch.length; i++) {
        const raw = batch.packet(i);
        const frame = decodeFrame(raw);
        w.add(frame, hashPacket(raw.data, frame));
      }
      // Decode ahead, then wait for room: the main thread holds at most a few batches.
      while (credit === 0) await new Promise<void>((resolve) => { wake = resolve; });
      credit--;
      const encoded = w.finish();
      post({ type: 'batch', batch: encoded, reader: snapshot(reader) }, [encoded.u32.buffer as ArrayBuffer, encoded.f64.buffer as ArrayBuffer]);
    }
    post({ type: 'end', reader: snapshot(reader) });
  } catch (err) {
    post({ type: 'crash', message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  } finally {
    port.close();
  }
}

parentPort!.on('message', (m: { file: string; port: MessagePort }) => { void decodeFile(m.file, m.port); });
