// Human-readable one-line-per-frame view for `decode --format table`. Streams line by line
// (cli-table3 would hold every row in memory before printing).

import { formatMac } from '../decode/addresses.js';
import type { Frame } from '../decode/frame-types.js';
import { escapeForTerminal } from './escape.js';
import { formatTimestamp } from './format-time.js';
import { summarizeFrame } from './frame-summary.js';

function linkText(f: Frame): string {
  const link = f.link;
  if (!link) return '';
  if (link.kind === 'ethernet') return `${formatMac(link.src)} > ${formatMac(link.dst)}`;
  if (link.kind === 'none') return '(no link addresses)';
  return `${link.src !== undefined ? formatMac(link.src) : '?'} > (no dst MAC)`;
}

export function decodeTableHeader(): string {
  return 'FILE\tFRAME\tTIME\tLEN\tLINK\tPACKET\n';
}

export function decodeTableRow(file: string, f: Frame): string {
  const vlan = f.vlans.length ? ` vlan ${f.vlans.map((v) => v.id).join('.')}` : '';
  const issue = f.issue ? ` [${f.issue.cause}: ${f.issue.code} @${f.issue.offset}]` : '';
  return `${escapeForTerminal(file)}\t${f.frame}\t${formatTimestamp(f.tsSec, f.tsNsec)}\t${f.len}\t${linkText(f)}${vlan}\t${summarizeFrame(f)}${issue}\n`;
}
