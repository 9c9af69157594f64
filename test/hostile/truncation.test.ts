// A capture that ends in the middle of a record: `analyze` exits 2 with one stderr line naming
// the file, the byte offset of the cut record and how much of it was read, and the report on
// stdout still lists the findings the rest of the data supports.

import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReportJson } from '../../src/report/report-types.js';
import { layoutOf } from '../fuzz/capture-layout.js';
import { FIXTURES_DIR, toPcapng } from '../fuzz/seeds.js';
import { CAPTURE_ERROR_LINE, checkOutcome, runCli, stderrLines } from './cli-run.js';

type Expected = { readonly args?: readonly string[]; readonly findings: readonly { readonly check: string; readonly host: string }[] };

/** Scenarios whose findings do not depend on the router capture, which is the one cut. */
const SCENARIOS = ['arp-flux', 'rs-service-down'].filter((s) => existsSync(path.join(FIXTURES_DIR, s, 'router.pcap')));
const CUT = 'router';

/** The record holding the middle byte, cut `into` bytes after its start. */
function midRecordCut(bytes: Uint8Array, into: number): { start: number; at: number; frame: number } {
  const layout = layoutOf(bytes);
  const packets = layout.records.filter((r) => r.kind === 'record' || r.kind === 'epb');
  const i = packets.findIndex((r) => r.end > bytes.length / 2);
  const r = packets[i]!;
  return { start: r.start, at: r.start + Math.min(into, r.end - r.start - 1), frame: i + 1 };
}

function hostsOf(f: ReportJson['findings'][number]): string[] {
  return f.hosts.flatMap((h) => [h.ip, h.mac, h.name]).filter((x): x is string => x !== undefined);
}

describe.skipIf(SCENARIOS.length === 0)('analyze on a capture cut mid-record', () => {
  for (const scenario of SCENARIOS) {
    for (const container of ['pcap', 'pcapng'] as const) {
      it(`${scenario}, ${container}: exit 2, one stderr line with file and offset, findings of what was read`, async () => {
        const src = path.join(FIXTURES_DIR, scenario);
        const expected = JSON.parse(readFileSync(path.join(src, 'expected.json'), 'utf8')) as Expected;
        const dir = mkdtempSync(path.join(tmpdir(), `lvsd-cut-${scenario}-`));
        for (const name of readdirSync(src)) copyFileSync(path.join(src, name), path.join(dir, name));
        let whole: Uint8Array = new Uint8Array(readFileSync(path.join(src, `${CUT}.pcap`)));
        if (container === 'pcapng') whole = (await toPcapng(whole))!;
        // Into the record header for pcap (needs 16 bytes), into the packet bytes for pcapng.
        const cut = midRecordCut(whole, container === 'pcap' ? 9 : 40);
        const file = path.join(dir, `${CUT}.pcap`);
        writeFileSync(file, whole.subarray(0, cut.at));
        const captures = readdirSync(dir).filter((n) => n.endsWith('.pcap')).sort().map((n) => path.join(dir, n));

        const o = await runCli(['analyze', '--format', 'json', ...(expected.args ?? []), ...captures], { cwd: dir });
        checkOutcome('analyze', o);
        expect(o.code).toBe(2);
        const lines = stderrLines(o);
        expect(lines).toHaveLength(1);
        const m = CAPTURE_ERROR_LINE.exec(lines[0]!);
        expect(m?.[1]).toBe(file);
        expect(Number(m?.[2])).toBe(cut.start);
        const read = cut.at - cut.start;
        expect(m?.[3]).toMatch(container === 'pcap'
          ? new RegExp(`^record ${cut.frame} is cut short: it needs 16 bytes but only ${read} were read$`)
          : new RegExp(`^the block at byte ${cut.start} is cut short: it needs \\d+ bytes but only ${read} were read$`));

        const report = JSON.parse(o.stdout) as ReportJson;
        const capture = report.captures.find((c) => c.file === file)!;
        expect(capture.frames).toBe(cut.frame - 1);
        expect(capture.error?.offset).toBe(cut.start);
        for (const want of expected.findings) {
          expect(report.findings.some((f) => f.check === want.check && hostsOf(f).includes(want.host)), `${want.check} on ${want.host}`).toBe(true);
        }

        const table = await runCli(['analyze', '--format', 'table', ...(expected.args ?? []), ...captures], { cwd: dir });
        expect(table.code).toBe(2);
        expect(stderrLines(table)).toEqual(lines);
        // The note wraps inside the last column of the captures table: read that column back.
        const notes = table.stdout.split('\n').map((l) => l.split('│')[5]?.trim() ?? '').join(' ').replace(/\s+/g, ' ');
        expect(notes).toContain(`unreadable after byte ${cut.start}: ${m?.[3] ?? ''}`);
      });
    }
  }
});
