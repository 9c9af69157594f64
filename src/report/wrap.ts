// Word wrapping for fixed-width output (tables, the TUI). Long words such as paths are broken
// rather than cut, and continuation lines keep the indentation of the line they continue, so
// indented evidence lists stay readable when they wrap.

function hardBreak(word: string, width: number): string[] {
  const chars = [...word];
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += width) out.push(chars.slice(i, i + width).join(''));
  return out;
}

function wrapLine(line: string, width: number): string[] {
  const indent = /^ */.exec(line)![0];
  const room = Math.max(1, width - indent.length);
  const words = line.slice(indent.length).split(/ +/).filter((w) => w !== '');
  if (words.length === 0) return [indent.slice(0, width)];
  const out: string[] = [];
  let current = '';
  for (const word of words) {
    const pieces = [...word].length > room ? hardBreak(word, room) : [word];
    for (const piece of pieces) {
      const candidate = current === '' ? piece : `${current} ${piece}`;
      if ([...candidate].length <= room) { current = candidate; continue; }
      out.push(indent + current);
      current = piece;
    }
  }
  out.push(indent + current);
  return out;
}

/** Wraps each line of `text` to at most `width` characters. */
export function wrapText(text: string, width: number): string[] {
  const w = Math.max(1, Math.floor(width));
  return text.split('\n').flatMap((line) => wrapLine(line, w));
}
