// The distribution chart: new connections per real server against the share its configured
// weight asks for, as two bars per server (seen, expected) on a common scale.

import type { DistributionJson, ReportJson } from '../../report/report-types.js';
import { clean } from '../../report/text.js';
import { padEnd, seg, type Line } from '../lines.js';
import { SYMBOL } from '../theme.js';

function percent(part: number, total: number): string {
  return total > 0 ? `${Math.round((part / total) * 100)}%` : '-';
}

function serviceLines(d: DistributionJson, report: ReportJson, width: number): Line[] {
  const nameOf = (ip?: string) => report.topology.realServers.find((r) => r.ip !== undefined && r.ip === ip)?.name;
  const total = d.servers.reduce((n, s) => n + s.connections, 0);
  const weights = d.servers.reduce((n, s) => n + (s.weight ?? 0), 0);
  const expected = d.servers.map((s) => (weights > 0 && s.weight !== undefined ? (total * s.weight) / weights : undefined));
  const scale = Math.max(1, ...d.servers.map((s) => s.connections), ...expected.map((e) => e ?? 0));
  const labels = d.servers.map((s) => clean([nameOf(s.ip), s.ip ?? s.mac ?? '?'].filter(Boolean).join(' ')));
  const labelWidth = Math.min(28, Math.max(8, ...labels.map((l) => [...l].length))) + 1;
  const barWidth = Math.max(10, width - labelWidth - 28);
  const bar = (n: number) => SYMBOL.bar.repeat(Math.round((n / scale) * barWidth));

  const lines: Line[] = [[
    seg(`${clean(d.vip)} ${d.protocol}/${d.port}`, undefined, { bold: true }),
    seg(`  ${d.scheduler ? clean(d.scheduler) : 'scheduler unknown'}, ${total} new connection${total === 1 ? '' : 's'}`, 'muted'),
  ]];
  d.servers.forEach((s, i) => {
    const exp = expected[i];
    const off = exp !== undefined && total > 0 && Math.abs(s.connections - exp) / total > 0.1;
    lines.push([
      seg(padEnd(labels[i]!, labelWidth), undefined, { bold: true }),
      seg(padEnd(`w ${s.weight ?? '?'}`, 6), 'muted'),
      seg(padEnd('seen', 9)),
      seg(`${String(s.connections).padStart(5)} ${percent(s.connections, total).padStart(4)} `),
      seg(bar(s.connections), off ? 'warning' : 'ok'),
    ]);
    lines.push([
      seg(' '.repeat(labelWidth + 6)),
      seg(padEnd('expected', 9), 'muted'),
      seg(exp === undefined ? `${'?'.padStart(5)}      ` : `${exp.toFixed(1).padStart(5)} ${percent(exp, total).padStart(4)} `, 'muted'),
      seg(exp === undefined ? 'no weight' : bar(exp), 'muted'),
    ]);
  });
  return lines;
}

export function distributionLines(report: ReportJson, width: number): Line[] {
  if (report.distribution.length === 0) return [[seg('No new connections to any VIP in the captures.', 'muted')]];
  return report.distribution.flatMap((d, i) => [...(i > 0 ? [[]] : []), ...serviceLines(d, report, width)]);
}
