// A capture rotated over several files (tcpdump -C/-G, dumpcap -b) is one vantage point: read
// file after file, it gives the report the whole capture gives, with evidence naming each
// frame's own file and number. The files are recorded fixture captures cut at record
// boundaries, byte for byte.

import { createWriteStream, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureNameOf, groupRotated, rotationKey } from '../../src/analyze/rotated-files.js';
import { runAnalysis } from '../../src/analyze/run-analysis.js';
import { createPcapngWriter } from '../../src/io/pcapng-writer.js';
import { readCapture } from '../../src/io/read-capture.js';
import { partOfFrame, readCaptureSequence } from '../../src/io/read-sequence.js';
import type { ReportJson } from '../../src/report/report-types.js';
import { FIXTURES, fixtureExists, ROOT } from '../support/check-fixture.js';
import { payload, pcapBytes } from '../support/capture-bytes.js';
import { packetsOf } from '../support/fixture-captures.js';
import { mergeInterfaces } from '../support/merge-interfaces.js';
import { reportSchemaErrors } from '../support/report-schema.js';
import { ROTATION_NAMES, rotateCapture, type RotatedPart } from '../support/rotate-capture.js';

describe('captureNameOf', () => {
  it('takes the rotation marks of tcpdump, dumpcap and editcap off the host label', () => {
    expect(captureNameOf('/x/director.pcap')).toBe('director');
    expect(captureNameOf('/x/director.pcap1')).toBe('director');
    expect(captureNameOf('/x/director.pcap07.gz')).toBe('director');
    expect(captureNameOf('/x/director_00003_20261207203000.pcapng')).toBe('director');
    expect(captureNameOf('/x/director-20261207-203000.pcap')).toBe('director');
    expect(captureNameOf('/x/director_2026-12-07_20:30:00.pcap')).toBe('director');
    expect(captureNameOf('/x/director-20261207.pcap')).toBe('director');
    expect(captureNameOf('/x/director.1765139400.pcap')).toBe('director');
  });

  it('leaves names that only end in a number as they are', () => {
    for (const name of ['rs1', 'rs12', 'client2', 'director-eth1', 'rs-10', 'lb01', 'healthy']) expect(captureNameOf(`/x/${name}.pcap`)).toBe(name);
    expect(captureNameOf('/x/20261207-203000.pcap')).toBe('20261207-203000');
    expect(captureNameOf('-')).toBe('stdin');
  });
});

describe('groupRotated', () => {
  const at = (file: string, firstT: number | undefined) => ({ key: rotationKey(file), firstT });

  it('joins files named alike in one directory, in the order of their first packets', () => {
    expect(groupRotated([
      at('/d/rs1.pcap', 5), at('/d/director.pcap', 10), at('/d/director.pcap10', 40), at('/d/director.pcap2', 20), at('/e/director.pcap3', 30),
    ])).toEqual([[0], [1, 3, 2], [4]]);
  });

  it('puts a file without packets first in its name\'s group, and leaves alone every file of a name where two start together', () => {
    // tcpdump -G opens its first file before any traffic: it stays empty.
    expect(groupRotated([at('/d/a.pcap', 1), at('/d/a.pcap1', undefined), at('/d/a.pcap2', 3)])).toEqual([[1, 0, 2]]);
    expect(groupRotated([at('/d/a.pcap', undefined), at('/d/a.pcap1', undefined), at('/d/b.pcap', undefined)])).toEqual([[0], [1], [2]]);
    expect(groupRotated([at('/d/a.pcap', 1), at('/d/a.pcapng', 1), at('/d/a.pcap2', 3)])).toEqual([[0], [1], [2]]);
    expect(groupRotated([undefined, at('/d/a.pcap', 1)])).toEqual([[0], [1]]);
  });
});

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

describe('readCaptureSequence', () => {
  const file = (records: number, t0: number) => pcapBytes({ records: Array.from({ length: records }, (_, i) => ({ tsSec: t0 + i, data: payload(20) })) });

  it('opens one file at a time, numbers frames across them and keeps reading after a damaged file', async () => {
    const open: string[] = [];
    const damaged = file(3, 10).subarray(0, 24 + 2 * (16 + 20) + 7);
    const bytes = { a: file(4, 0), b: damaged, c: file(2, 20) };
    const reader = readCaptureSequence((['a', 'b', 'c'] as const).map((name) => ({
      file: name,
      open: () => {
        open.push(name);
        return readCapture(once(bytes[name]));
      },
    })));
    const frames: number[] = [];
    for await (const batch of reader.packetBatches()) {
      // The next file is opened only once this one is read to its end.
      expect(open.length).toBe(reader.parts.length + 1);
      for (let i = 0; i < batch.length; i++) frames.push(batch.packet(i).frame);
    }
    expect(frames).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(reader.parts.map((p) => [p.file, p.firstFrame, p.frames, p.error?.code, p.firstT, p.lastT])).toEqual([
      ['a', 1, 4, undefined, 0, 3], ['b', 5, 2, 'truncated-record', 10, 11], ['c', 7, 2, undefined, 20, 21],
    ]);
    expect(reader.error?.code).toBe('truncated-record');
    expect(reader.packetCount).toBe(8);
    expect([5, 6, 7, 1, 9].map((f) => partOfFrame(reader.parts, f))).toEqual([
      { file: 'b', frame: 1 }, { file: 'b', frame: 2 }, { file: 'c', frame: 1 }, { file: 'a', frame: 1 }, undefined,
    ]);
  });
});

type Origin = { readonly file: string; readonly base: number; readonly byteShift: number };

/** Evidence, journeys and timelines with each rotated file's frames put back in the whole capture's numbering. */
function normalize(report: ReportJson, origins: ReadonlyMap<string, Origin>) {
  const back = <T extends { capture?: string; frame?: number; offset?: number }>(x: T): T => {
    const o = x.capture === undefined ? undefined : origins.get(x.capture);
    if (!o) return x;
    return {
      ...x, capture: o.file,
      ...(x.frame === undefined ? {} : { frame: x.frame + o.base }),
      ...(x.offset === undefined ? {} : { offset: x.offset + o.byteShift }),
    };
  };
  return {
    captures: report.captures.map((c) => ({ host: c.host, role: c.role, frames: c.frames, clockOffset: c.clockOffset, truncated: c.truncatedFrames })),
    topology: report.topology,
    findings: report.findings.map((f) => ({
      ...f, evidence: f.evidence.map(back), ...(f.journey ? { journey: { ...f.journey, hops: f.journey.hops.map(back) } } : {}),
    })),
    arpTimeline: report.arpTimeline.map((t) => ({ ...t, events: t.events.map(back) })),
    failover: report.failover.map(back),
    distribution: report.distribution,
    summary: report.summary,
  };
}

async function analyze(files: readonly string[], ipvsadm: readonly string[] = []) {
  const outcome = await runAnalysis({ files, ipvsadm, keepalived: [], topology: [], roles: [], cwd: ROOT });
  if (!outcome.ok) throw new Error(outcome.errors.join('; '));
  expect(reportSchemaErrors(outcome.report)).toEqual([]);
  return outcome;
}

/** Every capture of `fixture` rotated every `perFile` records; returns the files and where each came from. */
async function rotateFixture(fixture: string, perFile: number, scheme: keyof typeof ROTATION_NAMES) {
  const src = join(FIXTURES, fixture);
  const dir = mkdtempSync(join(tmpdir(), `lvsd-rotated-${scheme}-`));
  const origins = new Map<string, Origin>();
  const parts = new Map<string, RotatedPart[]>();
  for (const name of readdirSync(src).filter((f) => f.endsWith('.pcap')).sort()) {
    const host = name.replace(/\.pcap$/, '');
    const rotated = await rotateCapture(join(src, name), dir, host, perFile, ROTATION_NAMES[scheme]);
    let base = 0;
    for (const p of rotated) {
      origins.set(p.file, { file: join(src, name), base, byteShift: p.byteShift });
      base += p.frames;
    }
    parts.set(host, rotated);
  }
  // Hosts in the order the whole captures are given; each host's files as a shell glob lists
  // them (director.pcap10 before director.pcap2).
  const files = [...origins.keys()].sort((a, b) => origins.get(a)!.file.localeCompare(origins.get(b)!.file) || (a < b ? -1 : a > b ? 1 : 0));
  return { src, dir, files, origins, parts };
}

const CASES = [
  { fixture: 'keepalived-failover', perFile: 17, scheme: 'dumpcap' },
  { fixture: 'rs-reply-from-rip', perFile: 2, scheme: 'tcpdump' },
  { fixture: 'arp-flux', perFile: 30, scheme: 'strftime' },
] as const;

describe.each(CASES)('$fixture with every capture rotated every $perFile records ($scheme names)', ({ fixture, perFile, scheme }) => {
  it.skipIf(!fixtureExists(fixture))('gives the report of the whole captures, evidence naming each file\'s own frames', async () => {
    const { src, files, origins, parts } = await rotateFixture(fixture, perFile, scheme);
    const whole = readdirSync(src).filter((f) => f.endsWith('.pcap')).sort().map((f) => join(src, f));
    for (const ipvsadm of [[], [join(src, 'ipvsadm-S.txt')]]) {
      const rotated = await analyze(files, ipvsadm);
      const original = await analyze(whole, ipvsadm);
      expect(rotated.inputErrors).toEqual([]);
      expect(normalize(rotated.report, origins)).toEqual(normalize(original.report, new Map()));
      expect(rotated.report.findings.length).toBeGreaterThan(0);
      // One capture per host, its files listed in capture order.
      for (const c of rotated.report.captures) {
        const expected = parts.get(c.host!)!;
        if (expected.length === 1) expect(c.parts).toBeUndefined();
        else expect(c.parts).toEqual(expected.map(({ file, frames }) => ({ file, frames })));
        expect(c.file).toBe(expected[0]!.file);
      }
      const cited = rotated.report.findings.flatMap((f) => f.evidence);
      expect(cited.some((e) => origins.get(e.capture)!.base > 0)).toBe(true);
      for (const e of cited) expect(e.frame).toBeLessThanOrEqual(perFile);
    }
  });
});

describe.skipIf(!fixtureExists('keepalived-failover'))('a rotated capture with a damaged or foreign file', () => {
  it('names the damaged file and its byte offset, and reads the files after it', async () => {
    const { files, parts } = await rotateFixture('keepalived-failover', 17, 'tcpdump');
    const director = parts.get('director')!;
    const middle = director[2]!.file;
    const bytes = readFileSync(middle);
    writeFileSync(middle, bytes.subarray(0, bytes.length - 10));
    const { report, inputErrors } = await analyze(files);
    expect(inputErrors.map((e) => [e.file, e.error.code])).toEqual([[middle, 'truncated-record']]);
    const capture = report.captures.find((c) => c.host === 'director')!;
    expect(capture.parts!.map((p) => p.frames)).toEqual(director.map((p, i) => (i === 2 ? p.frames - 1 : p.frames)));
    expect(capture.parts![2]!.error?.offset).toBeGreaterThan(24);
    expect(capture.error).toBeUndefined();
    expect(capture.frames).toBe(director.reduce((n, p) => n + p.frames, 0) - 1);
  });

  it('says so when files read as one capture overlap in time', async () => {
    const { dir, files, parts } = await rotateFixture('keepalived-failover', 60, 'tcpdump');
    const first = parts.get('director')![0]!.file;
    // Another cut of the same capture under a rotation name: its frames 31-60 are also in the first file.
    const other = mkdtempSync(join(tmpdir(), 'lvsd-rotated-other-'));
    const overlapping = (await rotateCapture(join(FIXTURES, 'keepalived-failover', 'director.pcap'), other, 'director', 30, ROTATION_NAMES.tcpdump))[1]!;
    const foreign = join(dir, 'director.pcap9');
    writeFileSync(foreign, readFileSync(overlapping.file));
    const outcome = await analyze([...files, foreign]);
    expect(outcome.notes.filter((n) => n.includes('--role'))).toEqual([expect.stringMatching(new RegExp(`^${foreign} starts [0-9.]+ s before ${first} ends`))]);
  });
});

describe.skipIf(!fixtureExists('director-two-nics'))('a two-NIC director captured with dumpcap -i eth0 -i eth1 -b (rotated pcapng files)', () => {
  it('is one capture per interface, each read across the files, and the site passes as with two files', async () => {
    const src = join(FIXTURES, 'director-two-nics');
    const dir = mkdtempSync(join(tmpdir(), 'lvsd-rotated-ifaces-'));
    const merged = join(dir, 'merged.pcapng.tmp');
    await mergeInterfaces([{ name: 'eth0', file: join(src, 'director.pcap') }, { name: 'eth1', file: join(src, 'director-eth1.pcap') }], merged);
    const packets = await packetsOf(merged);
    const files: string[] = [];
    for (let start = 0, k = 0; start < packets.length; start += 50, k++) {
      const file = join(dir, ROTATION_NAMES.dumpcap('director', k, packets[start]!.tsSec).replace(/\.pcap$/, '.pcapng'));
      const writer = createPcapngWriter(createWriteStream(file), { interfaces: [{ name: 'eth0', linkType: 1 }, { name: 'eth1', linkType: 1 }] });
      for (const p of packets.slice(start, start + 50)) await writer.writePacket({ interfaceId: p.interfaceId, tsSec: p.tsSec, tsNsec: p.tsNsec, data: p.data.slice(), len: p.len });
      await writer.close();
      files.push(file);
    }
    expect(files.length).toBeGreaterThan(2);
    const others = ['client', 'router', 'rs1', 'rs2'].map((h) => join(src, `${h}.pcap`));
    const { report } = await analyze([...others, ...files], [join(src, 'ipvsadm-S.txt')]);
    expect(report.findings).toEqual([]);
    const director = report.captures.filter((c) => c.host!.startsWith('director'));
    expect(director.map((c) => [c.host, c.interface, c.role, c.parts?.length, c.frames])).toEqual([
      ['director:eth0', 'eth0', 'director', files.length, 74], ['director:eth1', 'eth1', 'director', files.length, 78],
    ]);
  });
});
