// A pcapng file with several interfaces (dumpcap -i eth0 -i eth1, mergecap -I none) is one
// capture per interface: each interface is a vantage point with its own MAC. The files are
// written from recorded fixture captures, one interface per capture.

import { execFileSync } from 'node:child_process';
import { copyFileSync, createReadStream, createWriteStream, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAnalysis } from '../../src/analyze/run-analysis.js';
import type { ReportJson } from '../../src/report/report-types.js';
import { analyzeFixture, FIXTURES, fixtureExists, ROOT } from '../support/check-fixture.js';
import { mergeInterfaces } from '../support/merge-interfaces.js';
import { reportSchemaErrors } from '../support/report-schema.js';

const HOSTS = ['client', 'director', 'router', 'rs1', 'rs2'];

async function analyze(files: readonly string[], ipvsadm: readonly string[] = []) {
  const outcome = await runAnalysis({ files, ipvsadm, keepalived: [], topology: [], roles: [], cwd: ROOT });
  if (!outcome.ok) throw new Error(outcome.errors.join('; '));
  expect(reportSchemaErrors(outcome.report)).toEqual([]);
  return outcome;
}

const summary = (r: ReportJson, prefix = '') =>
  r.findings.map((f) => `${f.check} ${f.verdict} ${f.message.replaceAll(prefix, '')}`).sort();

describe.skipIf(!fixtureExists('director-two-nics'))('a director captured on both NICs into one pcapng', () => {
  it('is read as two captures of the director, and the site passes as with two files', async () => {
    const src = join(FIXTURES, 'director-two-nics');
    const dir = mkdtempSync(join(tmpdir(), 'lvsd-two-ifaces-'));
    await mergeInterfaces([{ name: 'eth0', file: join(src, 'director.pcap') }, { name: 'eth1', file: join(src, 'director-eth1.pcap') }], join(dir, 'director.pcapng'));
    const others = ['client', 'router', 'rs1', 'rs2'].map((h) => join(src, `${h}.pcap`));
    for (const ipvsadm of [[], [join(src, 'ipvsadm-S.txt')]]) {
      const { report } = await analyze([...others, join(dir, 'director.pcapng')], ipvsadm);
      expect(report.findings).toEqual([]);
      expect(report.topology.directors).toEqual([{ name: 'director:eth0', role: 'director', ip: '203.0.113.2', mac: '02:00:00:00:02:02', otherMacs: ['02:00:00:00:03:02'] }]);
      expect(report.captures.filter((c) => c.file.endsWith('director.pcapng')).map((c) => [c.host, c.interface, c.role, c.frames]))
        .toEqual([['director:eth0', 'eth0', 'director', 74], ['director:eth1', 'eth1', 'director', 78]]);
    }
  });
});

describe.skipIf(!fixtureExists('arp-flux'))('every host\'s capture merged into one pcapng, one interface each', () => {
  const merged = (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lvsd-merged-'));
    const file = join(dir, 'all.pcapng');
    const frames = await mergeInterfaces(HOSTS.map((h) => ({ name: h, file: join(FIXTURES, 'arp-flux', `${h}.pcap`) })), file);
    return { dir, file, frames };
  })();

  it('finds what the separate captures show, with evidence naming the merged file\'s own frames', async () => {
    const { file, frames } = await merged;
    const { report } = await analyze([file]);
    const separate = await analyzeFixture('arp-flux');
    expect(summary(report, 'all:')).toEqual(summary(separate));
    expect(summary(report).filter((s) => s.includes(' fail '))).not.toEqual([]);
    expect(report.captures.map((c) => c.interface)).toEqual(HOSTS);
    for (const f of report.findings) {
      for (const e of f.evidence) {
        expect(e.capture).toBe(file);
        // The frame is one of the packets of the interface the evidence names.
        const host = HOSTS.indexOf(e.host!.replace('all:', ''));
        expect(frames[host]).toContain(e.frame);
      }
    }
  });

  it('a damaged file is one error, and the captures given beside it are still analysed', async () => {
    const { dir, file } = await merged;
    const bytes = readFileSync(file);
    const cut = join(dir, 'cut.pcapng');
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2) + 3));
    const other = join(dir, 'director.pcap');
    copyFileSync(join(FIXTURES, 'arp-flux', 'director.pcap'), other);
    const outcome = await analyze([cut, other]);
    expect(outcome.inputErrors.map((e) => e.file)).toEqual([cut]);
    expect(outcome.report.captures.filter((c) => c.file === cut).length).toBe(HOSTS.length);
    expect(outcome.report.captures.find((c) => c.file === other)?.frames).toBeGreaterThan(0);
  });
});

describe.skipIf(!fixtureExists('director-two-nics') || process.platform === 'win32')('a capture given as a pipe', () => {
  it('is read once, whole: nothing is taken from it to look for interfaces', async () => {
    const src = join(FIXTURES, 'director-two-nics');
    const dir = mkdtempSync(join(tmpdir(), 'lvsd-fifo-'));
    const merged = join(dir, 'director.pcapng');
    const frames = await mergeInterfaces([{ name: 'eth0', file: join(src, 'director.pcap') }, { name: 'eth1', file: join(src, 'director-eth1.pcap') }], merged);
    const fifo = join(dir, 'fifo.pcapng');
    execFileSync('mkfifo', [fifo]);
    // The writer blocks until the analysis opens the FIFO for reading.
    const writer = new Promise<void>((resolve, reject) => {
      createReadStream(merged).pipe(createWriteStream(fifo)).on('finish', resolve).on('error', reject);
    });
    const { report, inputErrors } = await analyze([fifo]);
    await writer;
    expect(inputErrors).toEqual([]);
    expect(report.captures.map((c) => [c.interface, c.frames])).toEqual([[undefined, frames[0]!.length + frames[1]!.length]]);
  });
});
