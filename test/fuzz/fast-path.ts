// The bulk of the fuzzing: one mutated capture through the reader and, for every packet,
// decodeFrame and the packet hashes the correlator uses. Sometimes also the `decode` command's
// table and JSON lines for every frame.

import { gzipSync } from 'node:zlib';
import { hashPacket } from '../../src/correlate/packet-hash.js';
import { decodeFrame } from '../../src/decode/frame.js';
import { readCapture } from '../../src/io/read-capture.js';
import { decodeRecordOf } from '../../src/report/decode-record.js';
import { decodeTableRow } from '../../src/report/decode-table.js';
import { safeJsonStringify } from '../../src/report/escape.js';
import { checkFrame, checkJsonText, checkPacket, checkReaderEnd, checkTerminalText } from './invariants.js';
import { chunksOf } from './chunking.js';
import { mutate, type Seed } from './mutate.js';
import type { Prng } from './prng.js';

export type FastInput = {
  readonly seed: Seed;
  readonly bytes: Uint8Array;
  readonly steps: readonly string[];
  readonly chunks: readonly Uint8Array[];
  /** Largest valid offset: the input length, or the uncompressed length when gzipped. */
  readonly limit: number;
  readonly formatOutput: boolean;
};

export function makeFastInput(rng: Prng, seeds: readonly Seed[]): FastInput {
  const seed = rng.pick(seeds);
  const m = mutate(rng, seed, seeds);
  let bytes = m.bytes;
  const steps = [...m.steps];
  const limit = bytes.length;
  // A few inputs go through the gzip path: compress the mutated capture, sometimes cut it.
  if (rng.chance(0.01)) {
    bytes = new Uint8Array(gzipSync(bytes, { level: 1 }));
    steps.push('gzip');
    if (rng.chance(0.5)) {
      const at = rng.int(bytes.length);
      bytes = bytes.slice(0, at);
      steps.push(`truncate-gzip@${at}`);
    }
  }
  const chunks = chunksOf(rng, bytes, steps.includes('gzip') ? undefined : seed.layout.boundaries);
  return { seed, bytes, steps, chunks, limit, formatOutput: rng.chance(1 / 16) };
}

async function* fromChunks(chunks: readonly Uint8Array[]): AsyncGenerator<Uint8Array, void, void> {
  for (const c of chunks) yield c;
}

export type FastOutcome = { readonly packets: number; readonly ending: string };

/** Throws on any broken rule or on an exception from the code under test. */
export async function runFastInput(input: FastInput): Promise<FastOutcome> {
  const reader = readCapture(fromChunks(input.chunks));
  const state = { frame: 0, bytes: 0 };
  for await (const batch of reader.batches()) {
    const interfaces = reader.interfaces.length;
    for (const raw of batch) {
      checkPacket(raw, state, input.limit, interfaces);
      const frame = decodeFrame(raw);
      checkFrame(raw, frame);
      hashPacket(raw.data, frame);
      if (input.formatOutput) {
        checkTerminalText('decode table row', decodeTableRow(input.seed.name, frame));
        checkJsonText('decode JSON line', safeJsonStringify(decodeRecordOf(input.seed.name, frame)));
      }
    }
  }
  checkReaderEnd(reader, state, input.limit);
  return { packets: state.frame, ending: reader.error?.code ?? 'ok' };
}
