// The detail pane: what is wrong, then the evidence packets as each vantage point saw them,
// then expected vs seen, the fix and where to read more. Evidence comes right after the
// message so it is on screen the moment the detail opens, even on 80x24.

import { evidenceByCapture } from '../../report/evidence-by-capture.js';
import { groupKeyOf, type GroupKey } from '../../report/finding-groups.js';
import type { FindingJson } from '../../report/report-types.js';
import { clean, hostText, timeOfDay } from '../../report/text.js';
import { wiresharkFilterFor } from '../../report/wireshark-filter.js';
import { wrapText } from '../../report/wrap.js';
import { labelled, seg, type Line } from '../lines.js';
import { SYMBOL } from '../theme.js';

const LABEL = 10;
const BADGE: Readonly<Record<GroupKey, string>> = { error: 'ERROR', warning: 'WARNING', info: 'INFO', inconclusive: 'INCONCLUSIVE' };

function evidenceLines(f: FindingJson, width: number): Line[] {
  const shown = f.evidence.length;
  const count = f.occurrences > shown ? `${shown} of ${f.occurrences} occurrences` : `${shown} packet${shown === 1 ? '' : 's'}`;
  const lines: Line[] = [[seg('Evidence', 'accent', { bold: true }), seg(`  ${count}`, 'muted')]];
  for (const group of evidenceByCapture(f.evidence)) {
    lines.push([seg(clean(group.capture), undefined, { bold: true }), seg(group.host ? ` · ${clean(group.host)}` : '', 'muted')]);
    for (const e of group.items) {
      const head = `  #${e.frame} `;
      const body = wrapText(`${timeOfDay(e.ts)} ${clean(e.summary)}`, Math.max(10, width - head.length));
      body.forEach((text, i) => lines.push([seg(i === 0 ? head : ' '.repeat(head.length), 'accent'), seg(text)]));
    }
  }
  if (f.evidence.length === 0) lines.push([seg('  no packets recorded', 'muted')]);
  return lines;
}

export function detailLines(finding: FindingJson | undefined, width: number): Line[] {
  if (!finding) return [[seg('No finding selected.', 'muted')]];
  const group = groupKeyOf(finding);
  const text = Math.max(10, width - LABEL);
  const field = (label: string, value: string) => labelled(label, wrapText(value, text), LABEL);
  const lines: Line[] = [
    [seg(`${SYMBOL[group]} ${BADGE[group]}`, group, { bold: true }), seg(`  ${clean(finding.check)}`, undefined, { bold: true })],
    ...wrapText(clean(finding.message), width).map((t): Line => [seg(t)]),
    [],
    ...evidenceLines(finding, width),
    [],
    ...field('Expected', clean(finding.expected)),
    ...field('Seen', clean(finding.seen)),
    ...field('Fix', clean(finding.fix)),
    ...labelled('Hosts', finding.hosts.length ? finding.hosts.flatMap((h) => wrapText(hostText(h), text)) : ['-'], LABEL),
  ];
  if (finding.journey) {
    lines.push(...field('Journey', `${finding.journey.hops.length} hops of ${clean(finding.journey.connection)} (Tab)`));
  }
  const filter = wiresharkFilterFor(finding);
  if (filter) lines.push(...field('Filter', clean(filter)));
  lines.push(...field('Docs', `${clean(finding.docs)} (lvs-doctor explain ${clean(finding.check)})`));
  return lines;
}
