#!/usr/bin/env node
import './v8-flags.js';
import { processIo } from './cli-io.js';
import { run } from './main.js';

// An internal error still ends with exit code 2 and one line, never a silent success.
function fatal(err: unknown): void {
  const text = err instanceof Error ? (err.stack ?? err.message) : String(err);
  // Controls and bidi/invisible format characters (a message may quote a file name) become '?'.
  process.stderr.write(`lvs-doctor: internal error: ${text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g, '?')}\n`);
  process.exitCode = 2;
}
process.on('uncaughtException', fatal);
process.on('unhandledRejection', fatal);
// A closed stdout (`| head`) is not an error worth a stack trace.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  fatal(err);
});

process.exitCode = await run(process.argv.slice(2), processIo());
