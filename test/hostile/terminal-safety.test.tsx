// Terminal safety end to end: captures whose every pcapng string field and whose file names
// carry ESC sequences (CSI 2J, OSC 0 title, OSC 8 links, SGR), C1 (0x9b), U+202E and NUL
// go through `decode` and `analyze` in every format, error lines, progress lines and the TUI.
// No raw ESC, BEL, C1 or bidi character may come out; the file-derived text shows escaped.

import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ReportJson } from '../../src/report/report-types.js';
import { App } from '../../src/tui/app.js';
import { checkJsonText, checkTerminalText } from '../fuzz/invariants.js';
import { FIXTURES_DIR } from '../fuzz/seeds.js';
import { KEY, renderTui, type TuiHandle } from '../support/render-tui.js';
import { CAPTURE_ERROR_LINE, runCli, stderrLines } from './cli-run.js';
import { hostileFileName, hostilePcapng, SEQUENCES, VISIBLE } from './hostile-captures.js';

/** A scenario with findings, so hosts, evidence and journeys carry the names too. */
const SCENARIO = ['arp-flux', 'rs-service-down', 'healthy-wrr'].find((s) => existsSync(path.join(FIXTURES_DIR, s)));
const ERASE_LINE = '\r\u001b[2K';

let dir = '';
let files: string[] = [];
let truncated = '';

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'lvsd-hostile-'));
  const src = path.join(FIXTURES_DIR, SCENARIO!);
  const captures = readdirSync(src).filter((n) => /\.pcap(ng)?$/.test(n)).sort();
  files = [];
  for (const [i, name] of captures.entries()) {
    const file = path.join(dir, hostileFileName(name.replace(/\.pcap(ng)?$/, ''), i));
    writeFileSync(file, await hostilePcapng(path.join(src, name)));
    files.push(file);
  }
  // And one that ends mid-block, for the error line.
  const whole = await hostilePcapng(path.join(src, captures[0]!));
  truncated = path.join(dir, `cut${SEQUENCES.oscTitle}${SEQUENCES.c1Csi}${SEQUENCES.bidi}.pcapng`);
  writeFileSync(truncated, whole.subarray(0, whole.length - 7));
});

/** The escaped forms every output of these files must show (the file names carry them). */
function expectVisible(text: string): void {
  expect(text).toContain(VISIBLE.oscTitle);
  expect(text).toContain(VISIBLE.bidi);
}

describe.skipIf(SCENARIO === undefined)('hostile strings in captures and file names', () => {
  it('decode --format table escapes them', async () => {
    const o = await runCli(['decode', '--format', 'table', ...files]);
    expect(o.code).toBe(0);
    checkTerminalText('decode table', o.stdout + o.stderr);
    expectVisible(o.stdout);
  });

  it('decode --format jsonl keeps them as valid JSON, escaped, and round-trips the file name', async () => {
    const o = await runCli(['decode', '--format', 'jsonl', ...files]);
    expect(o.code).toBe(0);
    const lines = o.stdout.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(10);
    const names = new Set(lines.map((l) => (checkJsonText('decode line', l) as { file: string }).file));
    expect([...names].sort()).toEqual([...files].sort());
    expect(o.stdout).toContain('\\u001b]0;pwned\\u0007');
    expect(o.stdout).toContain('\\u202e');
  });

  for (const format of ['table', 'json', 'sarif', 'junit'] as const) {
    it(`analyze --format ${format} escapes them`, async () => {
      const o = await runCli(['analyze', '--format', format, ...files]);
      expect([0, 1], o.stderr).toContain(o.code);
      checkTerminalText('stderr', o.stderr);
      if (format === 'json' || format === 'sarif') {
        const doc = checkJsonText(format, o.stdout);
        expect(o.stdout).toContain('\\u202e');
        if (format === 'json') {
          const report = doc as ReportJson;
          expect(report.captures.map((c) => c.file).sort()).toEqual([...files].sort());
          expect(report.findings.length).toBeGreaterThan(0);
        }
      } else {
        checkTerminalText(format, o.stdout);
        expectVisible(o.stdout);
        expect(o.stdout).toContain(VISIBLE.clearScreen);
        expect(o.stdout).toContain(VISIBLE.letterMark);
      }
    });
  }

  it('a hostile --role name is refused, and the refusal is escaped', async () => {
    const o = await runCli(['analyze', '--format', 'json', '--role', `rs${SEQUENCES.clearScreen}${SEQUENCES.nul}=${files[0]!}`, ...files]);
    expect(o.code).toBe(2);
    expect(o.stdout).toBe('');
    expect(stderrLines(o)).toHaveLength(1);
    checkTerminalText('stderr', o.stderr);
    expect(o.stderr).toContain(`rs${VISIBLE.clearScreen}${VISIBLE.nul}`);
  });

  it('the error line for an unreadable file names it escaped, on one line', async () => {
    for (const argv of [['decode', truncated], ['analyze', '--format', 'json', truncated]]) {
      const o = await runCli(argv);
      expect(o.code).toBe(2);
      const lines = stderrLines(o);
      expect(lines).toHaveLength(1);
      checkTerminalText('error line', o.stderr);
      const m = CAPTURE_ERROR_LINE.exec(lines[0]!);
      expect(m?.[1]).toBe(`${path.join(dir, 'cut')}${VISIBLE.oscTitle}${VISIBLE.c1Csi}${VISIBLE.bidi}.pcapng`);
    }
  });

  it('progress lines on a terminal escape the file names', async () => {
    const o = await runCli(['analyze', '--format', 'json', ...files], { tty: true });
    expect([0, 1]).toContain(o.code);
    expect(o.stderr).toContain(ERASE_LINE);
    const text = o.stderr.split(ERASE_LINE).join('\n');
    checkTerminalText('progress', text);
    expect(text).toContain('reading ');
    expect(text).toContain('\\e');
  });
});

describe.skipIf(SCENARIO === undefined)('the TUI on a report from hostile files', () => {
  let handle: TuiHandle | undefined;
  afterEach(() => { handle?.unmount(); handle = undefined; });

  it('shows them escaped in every view', async () => {
    const o = await runCli(['analyze', '--format', 'json', ...files]);
    const report = JSON.parse(o.stdout) as ReportJson;
    const size = { columns: 140, rows: 40 };
    handle = renderTui(<App report={report} columns={size.columns} rows={size.rows} color={false} />, size);
    await handle.waitFor((f) => f.includes('j/k move'));
    const frames = [handle.rawFrame()];
    for (const key of [KEY.enter, KEY.tab, KEY.tab, KEY.tab, KEY.tab, '?']) {
      await handle.press(key);
      frames.push(handle.rawFrame());
    }
    for (const raw of frames) {
      // Ink styles with CSI SGR; any other control character would come from the data.
      checkTerminalText('TUI frame', raw.replace(/\u001b\[[0-9;]*m/g, ''));
    }
    expect(frames.join('\n')).toContain('\\e');
  });
});
