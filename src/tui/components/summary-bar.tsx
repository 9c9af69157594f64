import type { ReportJson } from '../../report/report-types.js';
import { clean } from '../../report/text.js';
import { seg, type Line } from '../lines.js';
import { SYMBOL, type Theme } from '../theme.js';
import { StyledLine } from './styled-line.js';

export type SummaryBarProps = { readonly report: ReportJson; readonly width: number; readonly theme: Theme };

export function summaryLine(report: ReportJson): Line {
  const s = report.summary;
  const vips = report.topology.vips.map((v) => `${clean(v.ip)}${v.ports.length ? ` ${v.ports.map((p) => `${p.protocol}/${p.port}`).join(',')}` : ''}`);
  return [
    seg('lvs-doctor ', undefined, { bold: true }),
    seg(`${SYMBOL.error} ${s.errors} error${s.errors === 1 ? '' : 's'}  `, s.errors ? 'error' : 'muted', { bold: s.errors > 0 }),
    seg(`${SYMBOL.warning} ${s.warnings} warning${s.warnings === 1 ? '' : 's'}  `, s.warnings ? 'warning' : 'muted'),
    seg(`${SYMBOL.info} ${s.infos} info  `, s.infos ? 'info' : 'muted'),
    seg(`${SYMBOL.inconclusive} ${s.inconclusive} inconclusive`, s.inconclusive ? 'inconclusive' : 'muted'),
    seg(` │ ${s.captures} capture${s.captures === 1 ? '' : 's'}, ${s.frames} frames`, 'muted'),
    seg(` │ VIP ${vips.length ? vips.join(' ') : 'none found'}`, 'muted'),
  ];
}

export function SummaryBar({ report, width, theme }: SummaryBarProps) {
  return <StyledLine line={summaryLine(report)} width={width} theme={theme} />;
}
