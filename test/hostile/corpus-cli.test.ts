// Every public corpus file (../shared/corpus) through the CLI, in-process: `decode`,
// `analyze --format json` and `analyze --format table`. Readable files end with exit code 0 or 1 and nothing on stderr;
// unreadable ones with exit code 2 and exactly one stderr line naming the file and the byte
// offset the MANIFEST's strict reader names. Outputs parse, and both commands agree on how
// many frames were read. test/corpus/sweep.test.ts covers the reader alone against tshark.

import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCaptureFile } from '../../src/io/open-capture.js';
import { escapeForTerminal } from '../../src/report/escape.js';
import type { ReportJson } from '../../src/report/report-types.js';
import { checkJsonText, checkTerminalText } from '../fuzz/invariants.js';
import { CORPUS_DIR } from '../fuzz/seeds.js';
import { CAPTURE_ERROR_LINE, checkOutcome, runCli, stderrLines, type CliOutcome } from './cli-run.js';

const CI = process.env['CI'] === 'true';
const manifestPath = path.join(CORPUS_DIR, 'MANIFEST.tsv');
const haveCorpus = existsSync(manifestPath);
if (!haveCorpus && CI) throw new Error(`the capture corpus is required under CI=true but ${CORPUS_DIR} is missing`);

/** Per command and file, on a loaded 2-core machine; the largest corpus file is 0.5 MB. */
const PER_RUN_LIMIT_MS = 2_000;

type Row = { readonly file: string; readonly size: number; readonly strict: string };

function readManifest(): Row[] {
  const [header, ...lines] = readFileSync(manifestPath, 'utf8').trimEnd().split('\n');
  const cols = header!.split('\t');
  const at = (name: string) => cols.indexOf(name);
  const [corpus, file, size, strict] = ['corpus', 'path', 'size', 'strict_reader_result'].map(at) as [number, number, number, number];
  return lines.map((l) => l.split('\t')).map((f) => ({ file: `${f[corpus]}/${f[file]}`, size: Number(f[size]), strict: f[strict] ?? '' }));
}

/** What one file must look like through one command; returns the problems found. */
function problemsOf(row: Row, command: string, o: CliOutcome, file: string): string[] {
  const problems: string[] = [];
  try {
    checkOutcome(command, o);
  } catch (err) {
    problems.push(String(err));
  }
  if (o.ms > PER_RUN_LIMIT_MS) problems.push(`${command} took ${o.ms.toFixed(0)} ms`);
  const lines = stderrLines(o);
  if (row.strict === 'ok') {
    if (o.code === 2 || lines.length > 0) problems.push(`${command}: exit ${o.code}, stderr ${JSON.stringify(o.stderr)} for a readable file`);
    return problems;
  }
  const m = lines.length === 1 ? CAPTURE_ERROR_LINE.exec(lines[0]!) : null;
  if (o.code !== 2 || !m) return [...problems, `${command}: exit ${o.code}, stderr ${JSON.stringify(o.stderr)} for an unreadable file`];
  if (m[1] !== escapeForTerminal(file)) problems.push(`${command}: stderr names ${m[1]}`);
  const offset = Number(m[2]);
  const expected = /\(at byte (\d+)\)/.exec(row.strict)?.[1];
  if (offset > row.size || (expected !== undefined && offset !== Number(expected))) {
    problems.push(`${command}: byte ${offset}, MANIFEST says ${row.strict}`);
  }
  return problems;
}

describe.skipIf(!haveCorpus)(`corpus through the CLI (${haveCorpus ? CORPUS_DIR : `skipped: no corpus at ${CORPUS_DIR}`})`, () => {
  it('decode, analyze --format json and --format table: clean exit, one stderr line per bad file, parseable output', async () => {
    const rows = readManifest();
    expect(rows.length).toBeGreaterThan(900);
    const problems: string[] = [];
    const started = performance.now();
    let slowest = { ms: 0, what: '' };
    let frames = 0, unreadable = 0;
    for (const row of rows) {
      const file = path.join(CORPUS_DIR, row.file);
      const decode = await runCli(['decode', file]);
      const analyze = await runCli(['analyze', '--format', 'json', file]);
      // The table too: it is what a pipe or a CI log gets by default.
      const table = await runCli(['analyze', '--format', 'table', file]);
      for (const [command, o] of [['decode', decode], ['analyze', analyze], ['analyze --format table', table]] as const) {
        if (o.ms > slowest.ms) slowest = { ms: o.ms, what: `${command} ${row.file}` };
        problems.push(...problemsOf(row, command, o, file).map((p) => `${row.file}: ${p}`));
      }
      try {
        const records = decode.stdout === '' ? [] : decode.stdout.trimEnd().split('\n');
        for (const line of records) checkJsonText('decode line', line);
        const report = checkJsonText('analyze --format json', analyze.stdout) as ReportJson;
        checkTerminalText('analyze --format table', table.stdout);
        // A pcapng file with several interfaces is one capture per interface: together they hold every frame.
        const analyzed = report.captures.length === 0 ? undefined : report.captures.reduce((n, c) => n + c.frames, 0);
        if (analyzed !== records.length) problems.push(`${row.file}: analyze read ${String(analyzed)} frames, decode printed ${records.length}`);
        frames += records.length;
        if (analyze.code === 2) unreadable++;
      } catch (err) {
        problems.push(`${row.file}: ${String(err)}`);
      }
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(`corpus through the CLI: ${rows.length} files (${unreadable} unreadable), ${frames} frames, decode + analyze ×2 in ${seconds.toFixed(1)} s; slowest ${slowest.what} ${slowest.ms.toFixed(0)} ms`);
    expect(unreadable).toBe(rows.filter((r) => r.strict !== 'ok').length);
    expect(problems).toEqual([]);
  }, 300_000);

  it('in groups read as rotated captures: a bad file is one stderr line naming it, every good file is read', async () => {
    const rows = readManifest();
    const dir = mkdtempSync(path.join(tmpdir(), 'lvsd-corpus-rotated-'));
    const problems: string[] = [];
    const GROUP = 25;
    for (let start = 0, g = 0; start < rows.length; start += GROUP, g++) {
      // The files of a group named as tcpdump -C names one capture's files, in a folder of their own.
      const groupDir = path.join(dir, `g${g}`);
      mkdirSync(groupDir);
      const members = rows.slice(start, start + GROUP).map((row, k) => {
        const file = path.join(groupDir, k === 0 ? 'host.pcap' : `host.pcap${k}`);
        copyFileSync(path.join(CORPUS_DIR, row.file), file);
        return { row, file };
      });
      const o = await runCli(['analyze', '--format', 'json', groupDir]);
      const where = `group ${g} (${members[0]!.row.file} …)`;
      try {
        checkOutcome(where, o);
      } catch (err) {
        problems.push(String(err));
      }
      const bad = members.filter((m) => m.row.strict !== 'ok');
      if (o.code !== (bad.length > 0 ? 2 : o.code === 1 ? 1 : 0)) problems.push(`${where}: exit ${o.code} with ${bad.length} unreadable files`);
      const named = stderrLines(o).map((l) => CAPTURE_ERROR_LINE.exec(l)?.[1]).filter((f) => f !== undefined && !f.includes('note:'));
      const expected = bad.map((m) => escapeForTerminal(m.file));
      if (JSON.stringify([...named].sort()) !== JSON.stringify([...expected].sort())) problems.push(`${where}: stderr names ${JSON.stringify(named)}, expected ${JSON.stringify(expected)}`);
      try {
        const report = checkJsonText('analyze --format json', o.stdout) as ReportJson;
        let want = 0;
        for (const m of members) {
          const reader = openCaptureFile(m.file);
          for await (const batch of reader.batches()) want += batch.length;
        }
        const got = report.captures.reduce((n, c) => n + c.frames, 0);
        if (got !== want) problems.push(`${where}: analyze read ${got} frames, the files hold ${want}`);
      } catch (err) {
        problems.push(`${where}: ${String(err)}`);
      }
      if (o.ms > 10 * PER_RUN_LIMIT_MS) problems.push(`${where}: took ${o.ms.toFixed(0)} ms`);
    }
    expect(problems).toEqual([]);
  }, 300_000);
});

