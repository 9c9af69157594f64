// `analyze DIR` reads the capture files in DIR and nothing else there; a directory without any
// is one error line, and the captures given beside it are still analysed.

import { mkdirSync, mkdtempSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CAPTURE_FILE_NAME, expandDirectories } from '../../src/analyze/capture-directories.js';
import { runAnalysis } from '../../src/analyze/run-analysis.js';
import { run } from '../../src/cli/main.js';
import { FIXTURES, fixtureExists, ROOT } from '../support/check-fixture.js';
import { fakeIo } from '../support/fake-io.js';

const analyze = async (files: readonly string[]) => {
  const outcome = await runAnalysis({ files, ipvsadm: [], keepalived: [], topology: [], roles: [], cwd: ROOT });
  if (!outcome.ok) throw new Error(outcome.errors.join('; '));
  return outcome;
};

describe('capture file names', () => {
  it('are what capture tools write, gzipped or not', () => {
    for (const n of ['a.pcap', 'a.PCAPNG', 'a.cap', 'a.dmp', 'a.pcap1', 'a.pcap07.gz', 'a.pcapng.gz', 'a_00001_20261207203000.pcapng']) expect(CAPTURE_FILE_NAME.test(n), n).toBe(true);
    for (const n of ['README.md', 'expected.json', 'ipvsadm-S.txt', 'a.pcap.txt', 'pcap']) expect(CAPTURE_FILE_NAME.test(n), n).toBe(false);
  });
});

describe('expandDirectories', () => {
  it('replaces a directory with its capture files, sorted, and keeps other arguments as given', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lvsd-dir-'));
    for (const n of ['rs1.pcap', 'client.pcapng', 'notes.txt', '.hidden.pcap']) writeFileSync(join(dir, n), '');
    mkdirSync(join(dir, 'sub.pcap'));
    const { files, errors } = await expandDirectories(['x.pcap', dir, '-', join(dir, 'missing')]);
    expect(files).toEqual(['x.pcap', join(dir, 'client.pcapng'), join(dir, 'rs1.pcap'), '-', join(dir, 'missing')]);
    expect(errors).toEqual([]);
  });
});

describe.skipIf(!fixtureExists('arp-flux'))('analyze DIR', () => {
  it('gives the report of the files in it, leaving its notes and configuration alone', async () => {
    const dir = join(FIXTURES, 'arp-flux');
    const byDir = await analyze([dir]);
    const byFiles = await analyze(['client', 'director', 'router', 'rs1', 'rs2'].map((h) => join(dir, `${h}.pcap`)));
    expect(byDir.inputErrors).toEqual([]);
    expect(byDir.report).toEqual(byFiles.report);
    expect(byDir.report.summary.errors).toBe(2);
  });

  it('a directory without captures is one error naming it; the other captures are analysed and the exit code is 2', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'lvsd-empty-'));
    writeFileSync(join(empty, 'README.md'), 'no captures here');
    const other = mkdtempSync(join(tmpdir(), 'lvsd-other-'));
    copyFileSync(join(FIXTURES, 'arp-flux', 'rs1.pcap'), join(other, 'rs1.pcap'));
    const io = fakeIo();
    expect(await run(['analyze', '--format', 'json', empty, other], io)).toBe(2);
    expect(io.stderr.text()).toBe(`lvs-doctor: ${empty}: byte 0: a directory with no capture file in it (*.pcap, *.pcapng, *.cap, *.dmp, *.pcap1 …, also gzipped)\n`);
    const report = JSON.parse(io.stdout.text()) as { captures: { file: string; frames: number }[] };
    expect(report.captures.map((c) => [c.file, c.frames > 0])).toEqual([[join(other, 'rs1.pcap'), true]]);
  });
});
