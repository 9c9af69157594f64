// Turns an exception from the input (file system, stream, zlib) into a CaptureError. Only
// error codes and zlib's fixed messages are used: fs messages contain the path, which the
// caller prints itself.

import type { CaptureError } from './capture-error.js';
import { isZlibError } from './gunzip.js';

const REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'the file does not exist',
  EISDIR: 'it is a directory, not a file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EIO: 'an I/O error occurred',
  ENOTDIR: 'a component of the path is not a directory',
  EMFILE: 'too many open files',
  ENAMETOOLONG: 'the path is too long',
};

/** `offset` is the capture-stream position reached; `gzip` says whether it is after decompression. */
export function captureErrorFromException(err: unknown, offset: number, gzip: boolean): CaptureError {
  const where = gzip ? ` after ${offset} decompressed bytes (offsets refer to the decompressed capture)` : offset > 0 ? ` after ${offset} bytes` : '';
  if (isZlibError(err)) {
    const detail = safeText((err as { message?: unknown }).message);
    if ((err as { code: string }).code === 'Z_BUF_ERROR') {
      return { code: 'truncated-record', offset, message: `the gzip stream is cut short (${detail})${where}` };
    }
    return { code: 'read-failed', offset, message: `the gzip data is corrupt (${detail})${where}` };
  }
  const code = (err as { code?: unknown } | null)?.code;
  const reason = typeof code === 'string'
    ? REASONS[code] ?? (/^[A-Z0-9_]{1,32}$/.test(code) ? `read error ${code}` : 'read error')
    : 'read error';
  return { code: 'read-failed', offset, message: `could not read the capture${where}: ${reason}` };
}

function safeText(value: unknown): string {
  if (typeof value !== 'string') return 'zlib error';
  const clean = value.replace(/[^\w .,'-]/g, '').slice(0, 80);
  return clean === '' ? 'zlib error' : clean;
}
