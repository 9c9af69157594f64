import { describe, expect, it } from 'vitest';
import { textOf } from '../../src/tui/lines.js';
import { topologyLines } from '../../src/tui/draw/topology-lines.js';
import { analyzeFixture, fixtureExists } from '../support/check-fixture.js';
import { sampleReport } from '../support/sample-report.js';

const text = (lines: ReturnType<typeof topologyLines>) => lines.map(textOf);

describe('the Topology view', () => {
  it('lists every capture with its host, frames and clock, then the inferred topology', () => {
    const lines = text(topologyLines(sampleReport, 100));
    expect(lines[0]).toBe('Captures');
    expect(lines).toContain('client.pcap');
    expect(lines.some((l) => /^ {2}host +client \(client\), 24 frames, clock \+0\.001200 s$/.test(l))).toBe(true);
    expect(lines).toContain('Topology');
    expect(lines.some((l) => /^VIP +192\.0\.2\.100 /.test(l))).toBe(true);
    expect(lines.some((l) => /^director +director 192\.0\.2\.2 /.test(l))).toBe(true);
    for (const l of lines) expect([...l].length).toBeLessThanOrEqual(100);
  });

  it.skipIf(!fixtureExists('client-behind-nat'))('says which capture reaches the director through a NAT', async () => {
    const lines = text(topologyLines(await analyzeFixture('client-behind-nat'), 120)).join('\n');
    expect(lines).toMatch(/client\.pcap\n {2}host +client \(client\), 36 frames, clock [+-]\d\.\d{6} s\n {2}notes +ETHERNET, through a NAT/);
    expect(lines).toContain('client reaches the director through a NAT');
  });
});
