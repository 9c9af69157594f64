import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CheckMeta } from '../../src/checks/check-meta.js';
import { renderJunit, xmlEscape } from '../../src/report/junit.js';
import { requireCommand } from '../support/external-tools.js';
import { hostileReport, sampleReport, UNSAFE_OUTPUT } from '../support/sample-report.js';

const python = requireCommand('python3');

const PASSING: CheckMeta = {
  id: 'port/vip-port-closed', title: 'VIP port closed', severity: 'error', summary: 's', why: 'w', fix: 'f', docs: 'docs/checks/port/vip-port-closed.md',
};

function parses(xml: string): { ok: boolean; stderr: string } {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'lvsd-junit-')), 'report.xml');
  writeFileSync(file, xml);
  const r = spawnSync('python3', ['-c', 'import xml.dom.minidom,sys; xml.dom.minidom.parse(sys.argv[1])', file], { encoding: 'utf8' });
  return { ok: r.status === 0, stderr: r.stderr };
}

function testcase(xml: string, name: string): string {
  const start = xml.indexOf(`name="${name}"`);
  expect(start, name).toBeGreaterThan(0);
  const end = xml.indexOf('<testcase', start);
  return xml.slice(start, end === -1 ? undefined : end);
}

describe('junit reporter', () => {
  const xml = renderJunit(sampleReport, { metas: [PASSING] });

  it('has one suite and one case per check, registered ones included', () => {
    expect(xml.match(/<testsuite /g)).toHaveLength(1);
    expect(xml.match(/<testcase /g)).toHaveLength(7);
    expect(xml).toContain('<testsuite name="lvs-doctor" tests="7" failures="4" errors="0" skipped="1">');
    expect(testcase(xml, 'port/vip-port-closed')).toMatch(/^name="port\/vip-port-closed"\/>/);
  });

  it('fails checks with errors or warnings, skips inconclusive ones and keeps info as output', () => {
    const answered = testcase(xml, 'arp/vip-answered-by-non-director');
    expect(answered).toContain('<failure type="error" message="rs1 (192.0.2.11, 02:00:00:00:02:11) answered ARP');
    expect(answered).toContain('router.pcap (router):');
    expect(answered).toContain('frame 5 at 1795276805.003788960: 192.0.2.100 is-at 02:00:00:00:02:11');
    expect(testcase(xml, 'forward/bypassed-director')).toContain('<failure type="warning"');
    expect(testcase(xml, 'return/via-director')).toContain('<skipped message="Inconclusive: cannot tell');
    const clock = testcase(xml, 'capture/clock-offset');
    expect(clock).not.toContain('<failure');
    expect(clock).toContain('<system-out>info: rs2.pcap&apos;s clock');
  });

  it('escapes markup and drops characters XML 1.0 cannot carry', () => {
    expect(xmlEscape('a<b>&"c\'')).toBe('a&lt;b&gt;&amp;&quot;c&apos;');
    expect(xmlEscape('x\u0000\u0001\u001b\ud800\uffffy\u{1f600}')).toBe('xy\u{1f600}');
    const hostile = renderJunit(hostileReport, { metas: [] });
    expect(hostile).not.toMatch(UNSAFE_OUTPUT);
    expect(hostile).toContain('\\e]0;pwned\\x07');
  });

  it.skipIf(python.skip)(`is well-formed XML ${python.label}`, () => {
    for (const out of [xml, renderJunit(hostileReport, { metas: [] })]) {
      const result = parses(out);
      expect(result.stderr).toBe('');
      expect(result.ok).toBe(true);
    }
  });
});
