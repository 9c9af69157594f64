// `lvs-doctor decode FILE... [--format jsonl|table]`: one record per frame, exactly what the
// analyzer sees. Streams: records are written per reader batch with stdout backpressure.

import { parseArgs } from 'node:util';
import { decodeFrame } from '../../decode/frame.js';
import { openCaptureFile, readCaptureStream } from '../../io/open-capture.js';
import type { CaptureReader } from '../../io/read-capture.js';
import type { RawPacket } from '../../io/raw-packet.js';
import { DecodeLineWriter } from '../../report/decode-line.js';
import { decodeTableHeader, decodeTableRow } from '../../report/decode-table.js';
import { type CliIo, writeBytesOut, writeOut } from '../cli-io.js';
import { reportCaptureError, STDIN_NAME } from '../capture-inputs.js';
import { ExitCode } from '../exit-codes.js';
import { usageError } from '../usage.js';

/** JSON lines go out in chunks of about this size. */
const FLUSH_BYTES = 1 << 20;

export const DECODE_USAGE = 'usage: lvs-doctor decode FILE... [--format jsonl|table]   (FILE may be - for stdin)';

export async function decodeCommand(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { format: { type: 'string', default: 'jsonl' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (err) {
    return usageError(io, (err as Error).message, DECODE_USAGE);
  }
  if (parsed.values.help) { io.stdout.write(`${DECODE_USAGE}\n`); return ExitCode.Ok; }
  const format = parsed.values.format;
  if (format !== 'jsonl' && format !== 'table') return usageError(io, `unknown format '${format}'`, DECODE_USAGE);
  const files = parsed.positionals;
  if (files.length === 0) return usageError(io, 'no capture file given', DECODE_USAGE);

  let failed = false;
  if (format === 'table') await writeOut(io.stdout, decodeTableHeader());
  for (const file of files) {
    // Each batch is formatted and written before the next is read: read buffers can be reused.
    const reader: CaptureReader = file === STDIN_NAME ? readCaptureStream(io.stdin) : openCaptureFile(file, { recycleBuffers: true });
    const lines = format === 'jsonl' ? new DecodeLineWriter(file) : undefined;
    for await (const batch of packetsOf(reader)) {
      let out = '';
      for (let i = 0; i < batch.length; i++) {
        // The analysis's packed records: the same fields (test/decode/packed-headers.test.ts)
        // in fewer allocations, and exactly what the analyzer sees.
        const frame = decodeFrame(batch.packet(i), true);
        if (lines === undefined) out += decodeTableRow(file, frame);
        else {
          lines.add(frame);
          if (lines.size >= FLUSH_BYTES) await flush(io, lines);
        }
      }
      if (lines !== undefined && lines.size > 0) await flush(io, lines);
      if (out) await writeOut(io.stdout, out);
    }
    if (reader.error) { reportCaptureError(io, file, reader.error); failed = true; }
  }
  return failed ? ExitCode.Error : ExitCode.Ok;
}

/** The reader's batches as packet(i) lists: typed-array batches where the reader has them. */
async function* packetsOf(reader: CaptureReader): AsyncGenerator<{ readonly length: number; packet(i: number): RawPacket }, void, void> {
  if (reader.packetBatches) { yield* reader.packetBatches(); return; }
  for await (const list of reader.batches()) yield { length: list.length, packet: (i) => list[i]! };
}

async function flush(io: CliIo, lines: DecodeLineWriter): Promise<void> {
  const bytes = lines.take();
  await writeBytesOut(io.stdout, bytes);
  lines.recycle(bytes);
}
