// Views are drawn as lines of styled segments, already escaped and cut to the pane width.
// Pure builders produce them (draw/*.ts); components only render a window of them. The reducer
// uses the same builders to know how far a view can scroll.

import type { Tone } from './theme.js';

export type Segment = { readonly text: string; readonly tone?: Tone; readonly bold?: boolean; readonly inverse?: boolean };
export type Line = readonly Segment[];

export function seg(text: string, tone?: Tone, style: { bold?: boolean; inverse?: boolean } = {}): Segment {
  return { text, ...(tone ? { tone } : {}), ...style };
}

export function textOf(line: Line): string {
  return line.map((s) => s.text).join('');
}

export function widthOf(text: string): number {
  return [...text].length;
}

/** Cuts a line to `width` characters, marking the cut with an ellipsis. */
export function fitLine(line: Line, width: number): Line {
  if (widthOf(textOf(line)) <= width) return line;
  const out: Segment[] = [];
  let room = Math.max(0, width - 1);
  for (const s of line) {
    if (room <= 0) break;
    const chars = [...s.text];
    out.push({ ...s, text: chars.slice(0, room).join('') });
    room -= Math.min(room, chars.length);
  }
  out.push({ text: '…' });
  return out;
}

export function padEnd(text: string, width: number): string {
  const w = widthOf(text);
  if (w >= width) return [...text].slice(0, width).join('');
  return text + ' '.repeat(width - w);
}

/** A label column followed by wrapped text, continuation lines indented under the text. */
export function labelled(label: string, wrapped: readonly string[], labelWidth: number, tone?: Tone): Line[] {
  return wrapped.map((text, i) => [seg(padEnd(i === 0 ? label : '', labelWidth), 'muted'), seg(text, tone)]);
}
