// Assertions shared by the decoder tests.

import { expect } from 'vitest';
import type { DecodeIssue } from '../../src/decode/issues.js';
import type { DecodeIssueCode, DecodeResult, Decoded } from '../../src/decode/result.js';

export type LayerDecoder<T> = (bytes: Uint8Array, off: number, end: number) => DecodeResult<T>;

export function expectDecoded<T>(result: DecodeResult<T>): Decoded<T> {
  if (!result.ok) throw new Error(`expected a decoded layer, got issue ${result.issue.code} (${result.issue.cause})`);
  return result;
}

export function expectIssue<T>(result: DecodeResult<T>): DecodeIssue {
  if (result.ok) throw new Error(`expected an issue, got a decoded layer ending at ${result.next}`);
  return result.issue;
}

/**
 * Every prefix shorter than `required` bytes fails with `code`: as `snaplen` when the full
 * length is declared (the capture cut it), as `malformed` when the prefix is all there is.
 */
export function expectPrefixesFail<T>(decode: LayerDecoder<T>, bytes: Uint8Array, required: number, code: DecodeIssueCode): void {
  for (let n = 0; n < required; n++) {
    const prefix = bytes.slice(0, n);
    const cut = expectIssue(decode(prefix, 0, bytes.length));
    expect({ n, code: cut.code, cause: cut.cause }).toEqual({ n, code, cause: 'snaplen' });
    const short = expectIssue(decode(prefix, 0, n));
    expect({ n, code: short.code, cause: short.cause }).toEqual({ n, code, cause: 'malformed' });
  }
}

/** The same bytes at an offset inside a larger buffer decode to the same record, offsets shifted. */
export function shifted(bytes: Uint8Array, by: number): Uint8Array {
  const out = new Uint8Array(bytes.length + by);
  out.fill(0xee, 0, by);
  out.set(bytes, by);
  return out;
}
