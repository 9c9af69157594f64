import { describe, expect, it } from 'vitest';
import { isReportFormat, writeReport } from '../../src/report/write-report.js';
import { fakeSink } from '../support/fake-io.js';
import { sampleReport } from '../support/sample-report.js';

describe('writeReport', () => {
  it.each([
    ['table', 'Findings: 3 errors'],
    ['json', '"version": 1'],
    ['sarif', '"version": "2.1.0"'],
    ['junit', '<testsuites name="lvs-doctor"'],
  ] as const)('writes %s to the sink', async (format, marker) => {
    const sink = fakeSink();
    await writeReport(sampleReport, format, sink, { color: false, columns: 80 });
    expect(sink.text()).toContain(marker);
    expect(sink.text().endsWith('\n')).toBe(true);
  });

  it('waits for the sink to drain when it asks to', async () => {
    let drained = false;
    const sink = { isTTY: false, write: () => false, drain: async () => { drained = true; } };
    await writeReport(sampleReport, 'json', sink, { color: false });
    expect(drained).toBe(true);
  });

  it('knows its formats', () => {
    expect(['table', 'json', 'sarif', 'junit'].every(isReportFormat)).toBe(true);
    expect(isReportFormat('xml')).toBe(false);
  });
});
