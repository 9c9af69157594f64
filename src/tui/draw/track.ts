// One swimlane row: a dotted track with markers placed on it. Later marks win a shared column.

import { seg, type Segment } from '../lines.js';
import { SYMBOL, type Tone } from '../theme.js';

export type Mark = { readonly pos: number; readonly char: string; readonly tone: Tone };

export function trackSegments(width: number, marks: readonly Mark[]): Segment[] {
  const cells: (Mark | undefined)[] = Array.from({ length: width }, () => undefined);
  for (const m of marks) if (m.pos >= 0 && m.pos < width) cells[m.pos] = m;
  const out: Segment[] = [];
  let run = '';
  for (const cell of cells) {
    if (!cell) { run += SYMBOL.track; continue; }
    if (run) { out.push(seg(run, 'muted')); run = ''; }
    out.push(seg(cell.char, cell.tone, { bold: true }));
  }
  if (run) out.push(seg(run, 'muted'));
  return out;
}

/** Time labels at both ends of a track: "0 ms ... 1.211 ms". */
export function axisLine(width: number, left: string, right: string): string {
  const gap = width - [...left].length - [...right].length;
  return gap >= 1 ? `${left}${' '.repeat(gap)}${right}` : left;
}
