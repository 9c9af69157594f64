// What must hold for every input, however hostile: readers end cleanly with a typed error at
// an offset inside the input, packets are consistent with what was read, decoded frames hold
// together, and nothing meant for a person contains raw control or bidi characters.

import type { CaptureError, CaptureErrorCode } from '../../src/io/capture-error.js';
import type { CaptureReader } from '../../src/io/read-capture.js';
import type { RawPacket } from '../../src/io/raw-packet.js';
import type { Frame } from '../../src/decode/frame-types.js';
import { DECODE_ISSUE_CODES } from '../../src/decode/result.js';

/** A broken rule, as opposed to an exception thrown by the code under test. */
export class InvariantError extends Error {
  override readonly name = 'InvariantError';
}

export function ensure(condition: boolean, message: () => string): asserts condition {
  if (!condition) throw new InvariantError(message());
}

export const ERROR_CODES: ReadonlySet<CaptureErrorCode> = new Set<CaptureErrorCode>([
  'empty', 'bad-magic', 'unsupported-format', 'unsupported-version', 'truncated-header', 'truncated-record',
  'caplen-too-large', 'bad-block-length', 'block-too-large', 'block-trailer-mismatch', 'bad-byte-order-magic',
  'unknown-interface', 'bad-option', 'read-failed',
]);

const ISSUE_CODES: ReadonlySet<string> = new Set(DECODE_ISSUE_CODES);
/** Raw characters no terminal output may contain: C0 but \t \n, DEL, C1, bidi and invisible format characters. */
export const UNSAFE_TERMINAL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/u;
/** JSON output: the same, and no raw tab (newlines only between tokens of pretty-printed JSON). */
export const UNSAFE_JSON = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/u;
/** Reader messages are single sentences: no controls at all. */
const UNSAFE_MESSAGE = /[\u0000-\u001f\u007f-\u009f]/;

export const MAX_CAPLEN = 262_144;

/** `limit`: the largest valid offset (the input length, or the decompressed length for gzip). */
export function checkCaptureError(error: CaptureError, limit: number): void {
  ensure(ERROR_CODES.has(error.code), () => `unknown error code ${String(error.code)}`);
  ensure(Number.isSafeInteger(error.offset) && error.offset >= 0 && error.offset <= limit,
    () => `error offset ${error.offset} outside [0, ${limit}] (${error.code})`);
  ensure(typeof error.message === 'string' && error.message.length > 0 && error.message.length < 400,
    () => `error message of length ${error.message.length}`);
  ensure(!UNSAFE_MESSAGE.test(error.message), () => `error message with control characters: ${JSON.stringify(error.message)}`);
}

/** Per-packet rules; `state` carries the running frame number and byte total. */
export function checkPacket(p: RawPacket, state: { frame: number; bytes: number }, limit: number, interfaces: number): void {
  ensure(p.frame === ++state.frame, () => `frame ${p.frame}, expected ${state.frame}`);
  ensure(p.data.length === p.caplen && p.caplen <= MAX_CAPLEN, () => `frame ${p.frame}: data ${p.data.length} bytes, caplen ${p.caplen}`);
  ensure(Number.isInteger(p.tsNsec) && p.tsNsec >= 0 && p.tsNsec < 1e9, () => `frame ${p.frame}: tsNsec ${p.tsNsec}`);
  ensure(Number.isFinite(p.tsSec), () => `frame ${p.frame}: tsSec ${p.tsSec}`);
  ensure(p.fileOffset >= 0 && p.fileOffset < limit, () => `frame ${p.frame}: fileOffset ${p.fileOffset} outside the input (${limit})`);
  ensure(p.interfaceId >= 0 && p.interfaceId < interfaces, () => `frame ${p.frame}: interface ${p.interfaceId} of ${interfaces}`);
  state.bytes += p.caplen;
}

export function checkReaderEnd(reader: CaptureReader, state: { frame: number; bytes: number }, limit: number): void {
  ensure(reader.packetCount === state.frame, () => `packetCount ${reader.packetCount}, delivered ${state.frame}`);
  ensure(state.bytes <= limit, () => `delivered ${state.bytes} packet bytes from ${limit} input bytes`);
  ensure(reader.warnings.length <= 101, () => `${reader.warnings.length} warnings`);
  for (const w of reader.warnings) {
    ensure(!UNSAFE_MESSAGE.test(w.message), () => `warning with control characters: ${JSON.stringify(w.message)}`);
  }
  if (reader.error) checkCaptureError(reader.error, limit);
}

export function checkFrame(raw: RawPacket, f: Frame): void {
  ensure(f.frame === raw.frame, () => `decoded frame ${f.frame} for raw ${raw.frame}`);
  const issue = f.issue;
  if (issue !== undefined) {
    ensure(ISSUE_CODES.has(issue.code), () => `frame ${f.frame}: unknown issue ${issue.code}`);
    ensure(issue.offset >= 0 && issue.offset <= Math.max(f.caplen, f.len), () => `frame ${f.frame}: issue offset ${issue.offset}`);
  }
  const ip = f.ip;
  if (ip !== undefined) ensure(ip.offset + ip.headerLength <= f.caplen, () => `frame ${f.frame}: IP header past the capture`);
  const l4 = f.l4;
  if (l4 !== undefined) {
    ensure(ip !== undefined && l4.offset >= ip.offset + ip.headerLength, () => `frame ${f.frame}: transport without or inside the IP header`);
    if (l4.kind === 'tcp') ensure(l4.payloadOffset <= f.caplen && l4.payloadLength >= 0, () => `frame ${f.frame}: TCP payload ${l4.payloadOffset}+${l4.payloadLength}`);
    if (l4.kind === 'udp') ensure(l4.payloadLength >= 0, () => `frame ${f.frame}: UDP payload ${l4.payloadLength}`);
  }
}

export function checkTerminalText(where: string, text: string): void {
  const m = UNSAFE_TERMINAL.exec(text);
  ensure(m === null, () => `${where}: raw U+${m![0].codePointAt(0)!.toString(16).padStart(4, '0')} at ${m!.index}: ${JSON.stringify(text.slice(Math.max(0, m!.index - 40), m!.index + 40))}`);
}

export function checkJsonText(where: string, text: string): unknown {
  const m = UNSAFE_JSON.exec(text);
  ensure(m === null, () => `${where}: raw U+${m![0].codePointAt(0)!.toString(16).padStart(4, '0')} in JSON at ${m!.index}`);
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new InvariantError(`${where}: not valid JSON (${String(err)})`);
  }
}
