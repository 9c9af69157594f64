// Opening the capture files named on a command line. Each file is read independently:
// a bad file becomes one stderr line naming the file and byte offset, and the others
// are still processed.

import type { CaptureError } from '../io/capture-error.js';
import { escapeForTerminal } from '../report/escape.js';
import type { CliIo } from './cli-io.js';

export const STDIN_NAME = '-';

export function captureErrorLine(file: string, error: CaptureError): string {
  const name = file === STDIN_NAME ? '<stdin>' : file;
  return `lvs-doctor: ${escapeForTerminal(name)}: byte ${error.offset}: ${escapeForTerminal(error.message)}\n`;
}

export function reportCaptureError(io: CliIo, file: string, error: CaptureError): void {
  io.stderr.write(captureErrorLine(file, error));
}
