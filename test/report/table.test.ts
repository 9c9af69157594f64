import { describe, expect, it } from 'vitest';
import { renderTable } from '../../src/report/table.js';
import { emptyReport, hostileReport, manyFindingsReport, sampleReport, UNSAFE_OUTPUT } from '../support/sample-report.js';

const ANSI = /\u001b\[[0-9;]*m/;

function widest(text: string): number {
  return Math.max(...text.split('\n').map((l) => [...l].length));
}

describe('table reporter', () => {
  it('prints captures, topology and findings grouped by severity then check', () => {
    const out = renderTable(sampleReport, { color: false, columns: 80 });
    const order = ['Captures', 'Topology', 'Findings: 3 errors, 1 warning, 1 info, 1 inconclusive', 'ERRORS (3)', 'arp/vip-answered-by-non-director (1)',
      'service/refused-by-rs (1)', 'WARNINGS (1)', 'forward/bypassed-director (1)', 'INFO (1)', 'capture/clock-offset (1)', 'INCONCLUSIVE (1)', 'return/via-director (1)'];
    let at = -1;
    for (const text of order) {
      const next = out.indexOf(text, at + 1);
      expect(next, text).toBeGreaterThan(at);
      at = next;
    }
  });

  it('shows message, hosts, expected, seen, fix and evidence frames per capture', () => {
    const out = renderTable(sampleReport, { color: false, columns: 140 });
    expect(out).toContain('rs1 192.0.2.11 02:00:00:00:02:11 (real-server)');
    expect(out).toContain('Only the director (02:00:00:00:02:02) answers ARP requests for 192.0.2.100.');
    expect(out).toContain('router.pcap (router)');
    expect(out).toMatch(/#5 16:00:05\.003788960 192\.0\.2\.100 is-at 02:00:00:00:02:11/);
    expect(out).toContain('rs1.pcap (rs1)');
    expect(out).toContain('(4 of 6 shown)');
    expect(out).toContain('docs/checks/arp/vip-answered-by-non-director.md');
    expect(out).toContain('192.0.2.100 tcp/80 (wrr)');
    expect(out).toContain('weight 2');
    expect(out).toContain('LINUX_SLL2, no destination MACs, 2 truncated');
  });

  it.each([80, 60, 120])('fits %i columns', (columns) => {
    const out = renderTable(sampleReport, { color: false, columns });
    expect(widest(out)).toBeLessThanOrEqual(columns);
  });

  it('wraps long words instead of cutting them', () => {
    const long = `/srv/captures/${'x'.repeat(120)}.pcap`;
    const report = { ...sampleReport, captures: [{ ...sampleReport.captures[0]!, file: long }] };
    const out = renderTable(report, { color: false, columns: 80 });
    expect(widest(out)).toBeLessThanOrEqual(80);
    const fileColumn = out.split('\n').filter((l) => l.startsWith('│')).map((l) => l.split('│')[1]!.trim()).join('');
    expect(fileColumn).toContain(long);
  });

  it('has no colour codes when colour is off and uses them when on', () => {
    expect(renderTable(sampleReport, { color: false })).not.toMatch(ANSI);
    expect(renderTable(sampleReport, { color: true })).toMatch(ANSI);
  });

  it('shows hostile capture strings escaped, never raw', () => {
    const out = renderTable(hostileReport, { color: false, columns: 80 });
    expect(out).not.toMatch(UNSAFE_OUTPUT);
    expect(out).toContain('\\e]0;pwned\\x07');
    expect(out).toContain('\\u{202e}');
    expect(out).toContain('\\x9b31m');
  });

  it('says when there is nothing to report', () => {
    const out = renderTable(emptyReport, { color: false });
    expect(out).toContain('No findings.');
    expect(out).toContain('0 errors, 0 warnings, 0 info, 0 inconclusive');
  });

  it('prints every finding of a large report', () => {
    const out = renderTable(manyFindingsReport(), { color: false });
    expect(out).toContain('Finding #1:');
    expect(out).toContain('Finding #200:');
  });
});
