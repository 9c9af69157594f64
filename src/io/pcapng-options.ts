// pcapng option lists: `code u16 | length u16 | value padded to 4`. The walk always moves
// forward by at least 4 bytes and never past the block's option area, so a hostile list can
// neither loop nor read outside its block. opt_endofopt is honoured but not required.

const OPT_ENDOFOPT = 0;

export type OptionVisitor = (code: number, valueOffset: number, valueLength: number) => void;

/** Why the walk stopped early, if it did: an option whose value runs past the block. */
export type OptionWalkResult = { readonly overrunAt: number } | undefined;

export function walkOptions(
  view: DataView, start: number, end: number, littleEndian: boolean, visit: OptionVisitor,
): OptionWalkResult {
  let pos = start;
  while (end - pos >= 4) {
    const code = view.getUint16(pos, littleEndian);
    const length = view.getUint16(pos + 2, littleEndian);
    if (code === OPT_ENDOFOPT) return undefined;
    if (length > end - pos - 4) return { overrunAt: pos };
    visit(code, pos + 4, length);
    pos += 4 + ((length + 3) & ~3);
  }
  return undefined;
}

const utf8 = new TextDecoder('utf-8', { fatal: false });
/** Longer strings are cut: names and descriptions are for display only. */
export const MAX_OPTION_STRING = 1024;

/** Decodes a string option leniently (invalid UTF-8 becomes U+FFFD; trailing NULs dropped). */
export function optionString(view: DataView, offset: number, length: number): string {
  let n = Math.min(length, MAX_OPTION_STRING);
  while (n > 0 && view.getUint8(offset + n - 1) === 0) n--;
  return utf8.decode(new Uint8Array(view.buffer, view.byteOffset + offset, n));
}
