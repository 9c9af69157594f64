import { balancedPorts } from '../../report/balanced-ports.js';
import type { ReportJson } from '../../report/report-types.js';
import { clean } from '../../report/text.js';
import { seg, textOf, widthOf, type Line } from '../lines.js';
import { SYMBOL, type Theme } from '../theme.js';
import { StyledLine } from './styled-line.js';

export type SummaryBarProps = { readonly report: ReportJson; readonly width: number; readonly theme: Theme };

type Wording = { readonly brand: boolean; readonly frames: boolean; readonly words: readonly [string, string, string, string]; readonly gap: string };

// From the most to the least wordy; the first that fits is used.
const WORDINGS: readonly Wording[] = [
  { brand: true, frames: true, words: ['error', 'warning', 'info', 'inconclusive'], gap: '  ' },
  { brand: false, frames: false, words: ['error', 'warning', 'info', 'inconclusive'], gap: '  ' },
  { brand: false, frames: false, words: ['error', 'warn', 'info', 'inconcl.'], gap: ' ' },
];

function plural(n: number, word: string): string {
  return n !== 1 && (word === 'error' || word === 'warning') ? `${word}s` : word;
}

export function summaryLine(report: ReportJson, w: Wording = WORDINGS[0]!): Line {
  const s = report.summary;
  const vips = report.topology.vips.map((v) => {
    const ports = balancedPorts(report, v);
    return `${clean(v.ip)}${ports.length ? ` ${ports.map((p) => `${p.protocol}/${p.port}`).join(',')}` : ''}`;
  });
  const count = (symbol: string, n: number, word: string) => `${symbol}${w.gap === ' ' ? '' : ' '}${n} ${plural(n, word)}${w.gap}`;
  return [
    ...(w.brand ? [seg('lvs-doctor │ ', undefined, { bold: true })] : []),
    seg(count(SYMBOL.error, s.errors, w.words[0]), s.errors ? 'error' : 'muted', { bold: s.errors > 0 }),
    seg(count(SYMBOL.warning, s.warnings, w.words[1]), s.warnings ? 'warning' : 'muted'),
    seg(count(SYMBOL.info, s.infos, w.words[2]), s.infos ? 'info' : 'muted'),
    seg(count(SYMBOL.inconclusive, s.inconclusive, w.words[3]).trimEnd(), s.inconclusive ? 'inconclusive' : 'muted'),
    seg(` │ ${s.captures} capture${s.captures === 1 ? '' : 's'}${w.frames ? `, ${s.frames} frames` : ''}`, 'muted'),
    seg(` │ VIP ${vips.length ? vips.join(' ') : 'none found'}`, 'muted'),
  ];
}

export function fittingSummaryLine(report: ReportJson, width: number): Line {
  for (const w of WORDINGS) {
    const line = summaryLine(report, w);
    if (widthOf(textOf(line)) <= width) return line;
  }
  return summaryLine(report, WORDINGS[WORDINGS.length - 1]);
}

export function SummaryBar({ report, width, theme }: SummaryBarProps) {
  return <StyledLine line={fittingSummaryLine(report, width)} width={width} theme={theme} />;
}
