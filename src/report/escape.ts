// Capture-derived text (interface names, comments, file names, payload excerpts) may carry
// terminal control sequences. Everything a person reads goes through escapeForTerminal, so
// C0/C1 controls, DEL and bidi/invisible format characters are shown, never executed.

const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb]/gu;

function visible(ch: string): string {
  const code = ch.codePointAt(0)!;
  if (code === 0x0a) return '\\n';
  if (code === 0x0d) return '\\r';
  if (code === 0x09) return '\\t';
  if (code === 0x1b) return '\\e';
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
}

export function escapeForTerminal(text: string, maxLength = 256): string {
  const cut = text.length > maxLength ? `${text.slice(0, maxLength)}…` : text;
  return cut.replace(UNSAFE, visible);
}

/** Latin-1 view of raw bytes (each byte one character), escaped. */
export function escapeBytes(bytes: Uint8Array, maxLength = 64): string {
  let s = '';
  const n = Math.min(bytes.length, maxLength);
  for (let i = 0; i < n; i++) s += String.fromCharCode(bytes[i]!);
  return escapeForTerminal(s, maxLength) + (bytes.length > maxLength ? '…' : '');
}

const JSON_UNSAFE = /[\u007f-\u009f\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/gu;

/**
 * JSON.stringify already escapes C0 controls; this also escapes DEL, C1 and bidi/format
 * characters so JSON printed on a terminal cannot reorder or hide text.
 */
export function safeJsonStringify(value: unknown, space?: number): string {
  return JSON.stringify(value, undefined, space).replace(
    JSON_UNSAFE,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
