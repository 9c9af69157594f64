import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCaptureFile } from '../../src/io/open-capture.js';
import { evidenceFileName, writeEvidence } from '../../src/report/evidence-export.js';
import type { CaptureJson, EvidenceJson, FindingJson, ReportJson } from '../../src/report/report-types.js';
import { pcapBytes, PCAP_MAGIC } from '../support/capture-bytes.js';
import { requireCommand } from '../support/external-tools.js';
import { arp, ethernet } from '../support/packet-bytes.js';
import { sampleReport } from '../support/sample-report.js';

const tshark = requireCommand('tshark');
const ETHERTYPE_ARP = 0x0806;
const BASE = 1_795_276_805;

/** An ARP frame padded to `len` bytes, so each packet is recognisable by its length. */
function arpFrame(len: number, op: 1 | 2, sha: string): Uint8Array {
  return ethernet({ src: sha, dst: op === 1 ? 'ff:ff:ff:ff:ff:ff' : '02:00:00:00:02:01', etherType: ETHERTYPE_ARP, padTo: len,
    payload: arp({ op, sha, spa: op === 1 ? '192.0.2.1' : '192.0.2.100', tha: '00:00:00:00:00:00', tpa: op === 1 ? '192.0.2.100' : '192.0.2.1' }) });
}

function capture(file: string, host: string, clockOffset: number): CaptureJson {
  return { file, host, role: 'unknown', linkType: 1, linkTypeName: 'ETHERNET', destinationMacs: true, frames: 5, clockOffset, truncatedFrames: 0 };
}

function ev(capture: string, host: string, frame: number, summary = 'packet'): EvidenceJson {
  return { capture, host, frame, ts: '0.000000000', summary };
}

function setup() {
  const dir = mkdtempSync(path.join(tmpdir(), 'lvsd-evidence-'));
  // router.pcap (µs): 5 frames, lengths 61..65, 10 µs apart from BASE.003120.
  writeFileSync(path.join(dir, 'router.pcap'), pcapBytes({
    records: [61, 62, 63, 64, 65].map((len, i) => ({ tsSec: BASE, tsFrac: 3120 + i * 10, data: arpFrame(len, i % 2 ? 2 : 1, '02:00:00:00:02:02') })),
  }));
  // rs1.pcap (ns): its clock is 0.25 s behind; +0.25 s puts its frame 1 5 µs before router frame 3.
  writeFileSync(path.join(dir, 'rs1.pcap'), pcapBytes({
    magic: PCAP_MAGIC.NS,
    records: [71, 72, 73].map((len, i) => ({ tsSec: BASE - 1, tsFrac: 750_000_000 + 3_135_000 + i * 1_000_000, data: arpFrame(len, 2, '02:00:00:00:02:11') })),
  }));
  const findings: FindingJson[] = [
    { ...sampleReport.findings[0]!, evidence: [ev('router.pcap', 'router', 3), ev('rs1.pcap', 'rs1', 1, 'is-at from rs1'), ev('router.pcap', 'router', 5), ev('rs1.pcap', 'rs1', 99)] },
    { ...sampleReport.findings[2]!, evidence: [ev('rs1.pcap', 'rs1', 2)] },
    { ...sampleReport.findings[4]!, evidence: [] },
  ];
  const report: ReportJson = { ...sampleReport, captures: [capture('router.pcap', 'router', 0), capture('rs1.pcap', 'rs1', 0.25)], findings };
  const opened: string[] = [];
  const open = (name: string) => { opened.push(name); return openCaptureFile(path.join(dir, name)); };
  return { dir, out: path.join(dir, 'evidence'), report, open, opened };
}

function fields(file: string, ...names: string[]): string[][] {
  const r = spawnSync('tshark', ['-r', file, '-T', 'fields', '-E', 'separator=|', ...names.flatMap((n) => ['-e', n])], { encoding: 'utf8' });
  expect(r.stderr.replace(/^Running as user "root".*\n?/m, '')).toBe('');
  return r.stdout.trim().split('\n').map((l) => l.split('|'));
}

describe('evidence export', () => {
  it('names files by finding index and check id, keeping them inside the directory', () => {
    expect(evidenceFileName(0, 'arp/vip-answered-by-non-director', 6)).toBe('001-arp_vip-answered-by-non-director.pcapng');
    expect(evidenceFileName(41, 'service/refused-by-rs', 1200)).toBe('0042-service_refused-by-rs.pcapng');
    expect(evidenceFileName(0, '../../etc/passwd', 1)).toBe('001-__.._etc_passwd.pcapng');
  });

  it('writes one file per finding with evidence, reading each capture once, and reports missing frames', async () => {
    const { out, report, open, opened } = setup();
    const files = await writeEvidence(report, out, open);
    expect(opened).toEqual(['router.pcap', 'rs1.pcap']);
    expect(readdirSync(out).sort()).toEqual(['001-arp_vip-answered-by-non-director.pcapng', '002-service_refused-by-rs.pcapng']);
    expect(files.map((f) => [f.finding, f.packets, f.missing])).toEqual([
      [0, 3, [{ capture: 'rs1.pcap', frame: 99 }]],
      [1, 1, []],
    ]);
  });

  it.skipIf(tshark.skip)(`opens in Wireshark as one story: one interface per vantage point, time order ${tshark.label}`, async () => {
    const { out, report, open } = setup();
    const [first] = await writeEvidence(report, out, open);
    const rows = fields(first!.path, 'frame.interface_name', 'frame.len', 'frame.time_epoch', 'frame.comment');
    expect(rows.map(([name, len]) => [name, len])).toEqual([
      ['rs1 (rs1.pcap)', '71'],
      ['router (router.pcap)', '63'],
      ['router (router.pcap)', '65'],
    ]);
    // rs1's frame 1 (0.25 s behind) was moved onto the common clock.
    expect(rows[0]![2]).toBe(`${BASE}.003135000`);
    expect(rows[1]![2]).toBe(`${BASE}.003140000`);
    expect(rows[0]![3]).toBe('arp/vip-answered-by-non-director: rs1.pcap#1: is-at from rs1');
  });
});
