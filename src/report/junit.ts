// `--format junit`: one test suite, one test case per check, for CI systems that chart test
// results. A check fails when it has error or warning findings; a check whose findings are
// all inconclusive is skipped with the reason; info findings never fail a case and are listed
// in its system-out.

import type { CheckMeta } from '../checks/check-meta.js';
import { checkCatalog } from './check-catalog.js';
import { escapeForTerminal } from './escape.js';
import { evidenceByCapture } from './evidence-by-capture.js';
import type { FindingJson, ReportJson } from './report-types.js';
import { wiresharkFilterFor } from './wireshark-filter.js';

export type JunitOptions = { readonly metas?: readonly CheckMeta[] };

// Characters XML 1.0 cannot carry at all (most C0 controls, lone surrogates, U+FFFE/U+FFFF).
const XML_INVALID = /[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

/** Text for an XML attribute or element: invalid characters dropped, markup escaped. */
export function xmlEscape(text: string): string {
  return text.replace(XML_INVALID, '').replace(/[&<>"']/g, (ch) => {
    switch (ch) {
      case '&': return '&amp;';
      case '<': return '&lt;';
      case '>': return '&gt;';
      case '"': return '&quot;';
      default: return '&apos;';
    }
  });
}

/** CI logs are read on terminals too: controls and bidi overrides are shown, never kept raw. */
function visible(text: string): string {
  return text.split('\n').map((line) => escapeForTerminal(line, 4096)).join('\n');
}

function findingText(f: FindingJson): string {
  const lines = [
    `${f.severity}${f.verdict === 'inconclusive' ? ' (inconclusive)' : ''}: ${f.message}`,
    `  hosts: ${f.hosts.map((h) => [h.name, h.ip, h.mac].filter(Boolean).join(' ') + ` (${h.role})`).join('; ') || '-'}`,
    `  expected: ${f.expected}`,
    `  seen: ${f.seen}`,
    `  fix: ${f.fix}`,
  ];
  for (const group of evidenceByCapture(f.evidence)) {
    lines.push(`  ${group.capture}${group.host ? ` (${group.host})` : ''}:`);
    for (const e of group.items) lines.push(`    frame ${e.frame} at ${e.ts}: ${e.summary}`);
  }
  if (f.occurrences > f.evidence.length) lines.push(`  (${f.evidence.length} of ${f.occurrences} occurrences shown)`);
  const filter = wiresharkFilterFor(f);
  if (filter) lines.push(`  wireshark filter: ${filter}`);
  lines.push(`  docs: ${f.docs}`);
  return lines.join('\n');
}

function attr(name: string, value: string | number): string {
  return ` ${name}="${xmlEscape(visible(String(value)))}"`;
}

function oneLine(text: string, more: number): string {
  return more > 0 ? `${text} (and ${more} more)` : text;
}

type CaseResult = { readonly xml: string; readonly failed: boolean; readonly skipped: boolean };

function testCase(id: string, findings: readonly FindingJson[]): CaseResult {
  const open = `    <testcase${attr('classname', `lvs-doctor.${id.split('/')[0] ?? id}`)}${attr('name', id)}`;
  const failing = findings.filter((f) => f.verdict === 'fail' && f.severity !== 'info');
  const inconclusive = findings.filter((f) => f.verdict === 'inconclusive');
  const body: string[] = [];
  if (failing.length > 0) {
    const first = failing[0]!;
    const type = failing.some((f) => f.severity === 'error') ? 'error' : 'warning';
    body.push(`      <failure${attr('type', type)}${attr('message', oneLine(first.message, failing.length - 1))}>${xmlEscape(visible(failing.map(findingText).join('\n\n')))}</failure>`);
  } else if (inconclusive.length > 0) {
    body.push(`      <skipped${attr('message', oneLine(inconclusive[0]!.message, inconclusive.length - 1))}/>`);
  }
  const notes = findings.filter((f) => !failing.includes(f));
  if (notes.length > 0) body.push(`      <system-out>${xmlEscape(visible(notes.map(findingText).join('\n\n')))}</system-out>`);
  const xml = body.length === 0 ? `${open}/>` : `${open}>\n${body.join('\n')}\n    </testcase>`;
  return { xml, failed: failing.length > 0, skipped: failing.length === 0 && inconclusive.length > 0 };
}

export function renderJunit(report: ReportJson, options: JunitOptions = {}): string {
  const catalog = checkCatalog(report.findings, options.metas);
  const cases = catalog.map((entry) => testCase(entry.id, report.findings.filter((f) => f.check === entry.id)));
  const failures = cases.filter((c) => c.failed).length;
  const skipped = cases.filter((c) => c.skipped).length;
  const counts = `${attr('tests', cases.length)}${attr('failures', failures)}${attr('errors', 0)}${attr('skipped', skipped)}`;
  const captures = report.captures.map((c) => `      <property${attr('name', 'capture')}${attr('value', `${c.file}${c.parts ? ` and ${c.parts.length - 1} more file(s)` : ''} (${c.host ?? c.role}, ${c.frames} frames)`)}/>`);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attr('name', report.tool.name)}${counts}>`,
    `  <testsuite${attr('name', report.tool.name)}${counts}>`,
    '    <properties>',
    `      <property${attr('name', 'version')}${attr('value', report.tool.version)}/>`,
    ...captures,
    '    </properties>',
    ...cases.map((c) => c.xml),
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
