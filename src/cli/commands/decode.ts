// `lvs-doctor decode FILE... [--format jsonl|table]`: one record per frame, exactly what the
// analyzer sees. Streams: records are written per reader batch with stdout backpressure.

import { parseArgs } from 'node:util';
import { decodeFrame } from '../../decode/frame.js';
import { openCaptureFile, readCaptureStream } from '../../io/open-capture.js';
import type { CaptureReader } from '../../io/read-capture.js';
import { decodeRecordOf } from '../../report/decode-record.js';
import { decodeTableHeader, decodeTableRow } from '../../report/decode-table.js';
import { safeJsonStringify } from '../../report/escape.js';
import { type CliIo, writeOut } from '../cli-io.js';
import { reportCaptureError, STDIN_NAME } from '../capture-inputs.js';
import { ExitCode } from '../exit-codes.js';
import { usageError } from '../usage.js';

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
    const reader: CaptureReader = file === STDIN_NAME ? readCaptureStream(io.stdin) : openCaptureFile(file);
    for await (const batch of reader.batches()) {
      let out = '';
      for (const raw of batch) {
        const frame = decodeFrame(raw);
        out += format === 'jsonl' ? `${safeJsonStringify(decodeRecordOf(file, frame))}\n` : decodeTableRow(file, frame);
      }
      if (out) await writeOut(io.stdout, out);
    }
    if (reader.error) { reportCaptureError(io, file, reader.error); failed = true; }
  }
  return failed ? ExitCode.Error : ExitCode.Ok;
}
