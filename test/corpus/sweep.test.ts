// Reads every public corpus file (../shared/corpus, see its README and MANIFEST.tsv) and
// checks that the reader finishes quickly, never throws, ends cleanly, agrees with the
// MANIFEST's strict-reader verdict, and counts the same packets as Wireshark's tools.
//
// Packet counts. tshark costs about 0.25 CPU-seconds per run just to start, so one run per
// file (~950 files) takes minutes on this 2-core machine. So:
// * capinfos, which reads files through the same Wireshark library (wiretap) in milliseconds,
//   checks the count of every file tshark can read;
// * tshark checks a deterministic sample of at least 200 files: every pcapng file, in a single
//   run over their concatenation (a valid multi-section pcapng stream; frame.section_number
//   attributes frames back to files), plus classic pcap files one run each: one file per
//   non-Ethernet link type, the rest picked by a hash of the path.
// tshark shows pcapng custom blocks as rows with an empty frame.encap_type; those are dropped.

import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { CaptureErrorCode } from '../../src/io/capture-error.js';
import { openCaptureFile } from '../../src/io/open-capture.js';

const run = promisify(execFile);
const CI = process.env.CI === 'true';
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const corpusDir = path.resolve(repoRoot, '../shared/corpus');
const manifestPath = path.join(corpusDir, 'MANIFEST.tsv');
const haveCorpus = existsSync(manifestPath);
if (!haveCorpus && CI) throw new Error(`the capture corpus is required under CI=true but ${corpusDir} is missing`);

const PER_FILE_LIMIT_MS = 2000;
const TSHARK_SAMPLE_SIZE = 200;
const TOOL_TIMEOUT_MS = 30_000;

/** Files where the reader deliberately differs from MANIFEST's strict_reader_result. */
const VERDICT_DIFFERENCES: Readonly<Record<string, string>> = {};

/** Files where the packet count deliberately differs from Wireshark's. */
const COUNT_DIFFERENCES: Readonly<Record<string, string>> = {
  'libpcap/tests/pcap-invalid-version-2.pcap': 'pcap version 2.5 is invalid (libpcap refuses it); Wireshark reads it anyway',
};

const ERROR_CODES: ReadonlySet<CaptureErrorCode> = new Set<CaptureErrorCode>([
  'empty', 'bad-magic', 'unsupported-format', 'unsupported-version', 'truncated-header', 'truncated-record',
  'caplen-too-large', 'bad-block-length', 'block-too-large', 'block-trailer-mismatch', 'bad-byte-order-magic',
  'unknown-interface', 'bad-option', 'read-failed',
]);

type ManifestRow = {
  readonly file: string;
  readonly size: number;
  readonly container: string;
  readonly linktypes: string;
  readonly tsharkRc: string;
  readonly strictResult: string;
};

function readManifest(): ManifestRow[] {
  const [header, ...lines] = readFileSync(manifestPath, 'utf8').trimEnd().split('\n');
  const columns = header!.split('\t');
  const col = (name: string) => {
    const i = columns.indexOf(name);
    if (i < 0) throw new Error(`MANIFEST.tsv has no ${name} column`);
    return i;
  };
  const [corpus, file, size, container, linktypes, tsharkRc, strict] =
    ['corpus', 'path', 'size', 'container', 'linktypes', 'tshark_rc', 'strict_reader_result'].map(col) as [number, number, number, number, number, number, number];
  return lines.map((line) => {
    const f = line.split('\t');
    return {
      file: `${f[corpus]}/${f[file]}`,
      size: Number(f[size]),
      container: f[container] ?? '',
      linktypes: f[linktypes] ?? '',
      tsharkRc: f[tsharkRc] ?? '',
      strictResult: f[strict] ?? '',
    };
  });
}

type OurResult = { readonly count: number; readonly problem?: string };

/** Reads every file once; the tests below share the result. */
let ourResults: Promise<Map<string, OurResult>> | undefined;
function readEveryFile(rows: readonly ManifestRow[]): Promise<Map<string, OurResult>> {
  ourResults ??= (async () => {
    const results = new Map<string, OurResult>();
    for (const row of rows) results.set(row.file, await readOne(row));
    return results;
  })();
  return ourResults;
}

async function readOne(row: ManifestRow): Promise<OurResult> {
  const started = performance.now();
  let count = 0;
  const reader = openCaptureFile(path.join(corpusDir, row.file));
  try {
    for await (const batch of reader.batches()) count += batch.length;
  } catch (err) {
    return { count, problem: `threw ${String(err)}` };
  }
  const elapsed = performance.now() - started;
  if (elapsed > PER_FILE_LIMIT_MS) return { count, problem: `took ${elapsed.toFixed(0)} ms` };
  const error = reader.error;
  if (error !== undefined) {
    const clean = ERROR_CODES.has(error.code) && Number.isInteger(error.offset) && error.offset >= 0 &&
      error.offset <= row.size && error.message.length > 0 && !/[\x00-\x1f\x7f-\x9f]/.test(error.message);
    if (!clean) return { count, problem: `unclean error ${JSON.stringify(error)}` };
  }
  const expectOk = row.strictResult === 'ok';
  if (expectOk !== (error === undefined) && VERDICT_DIFFERENCES[row.file] === undefined) {
    const got = error === undefined ? 'ok' : `${error.code} at ${error.offset}: ${error.message}`;
    return { count, problem: `MANIFEST says "${row.strictResult}", reader says "${got}"` };
  }
  return { count };
}

async function toolAvailable(tool: string): Promise<boolean> {
  try {
    await run(tool, ['--version'], { timeout: TOOL_TIMEOUT_MS });
    return true;
  } catch {
    return false;
  }
}

async function inPool<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** Classic pcap files for one tshark run each; pcapng files are all checked in one run. */
function classicPcapSample(rows: readonly ManifestRow[], size: number): ManifestRow[] {
  const readable = rows.filter((r) => r.tsharkRc === '0' && !r.container.startsWith('pcapng')).sort((a, b) => a.file.localeCompare(b.file));
  const chosen = new Set<ManifestRow>();
  const seenLinkTypes = new Set<string>();
  for (const r of readable) {
    if (r.linktypes === 'ETHERNET' || seenLinkTypes.has(r.linktypes)) continue;
    seenLinkTypes.add(r.linktypes);
    chosen.add(r);
  }
  for (const r of [...readable].sort((a, b) => fnv1a(a.file) - fnv1a(b.file))) {
    if (chosen.size >= size) break;
    chosen.add(r);
  }
  return [...chosen];
}

/** Number of section header blocks, found by walking block lengths (files tshark reads cleanly). */
function sectionCount(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let le = true, sections = 0;
  for (let pos = 0; pos + 12 <= bytes.length;) {
    if (view.getUint32(pos, false) === 0x0a0d0d0a) {
      le = view.getUint32(pos + 8, false) === 0x4d3c2b1a;
      sections++;
    }
    const total = view.getUint32(pos + 4, le);
    if (total < 12) break;
    pos += total;
  }
  return sections;
}

async function tsharkFrameRows(file: string, fields: readonly string[]): Promise<string[][]> {
  const { stdout } = await run('tshark', ['-n', '-r', file, '-T', 'fields', ...fields.flatMap((f) => ['-e', f])],
    { timeout: TOOL_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024 });
  return stdout.split('\n').filter((line) => line !== '').map((line) => line.split('\t'));
}

const countMismatch = (file: string, ours: number, theirs: number, tool: string) =>
  COUNT_DIFFERENCES[file] === undefined && ours !== theirs ? [`${file}: reader ${ours} packets, ${tool} ${theirs}`] : [];

describe.skipIf(!haveCorpus)(`corpus sweep (${haveCorpus ? corpusDir : 'skipped: no corpus at ' + corpusDir})`, () => {
  const rows = haveCorpus ? readManifest() : [];

  it('reads every file in bounded time, without throwing, with the MANIFEST verdict', async () => {
    expect(rows.length).toBeGreaterThan(900);
    const results = await readEveryFile(rows);
    const problems = [...results].flatMap(([file, r]) => (r.problem !== undefined ? [`${file}: ${r.problem}`] : []));
    expect(problems).toEqual([]);
  }, 120_000);

  it('counts the same packets as capinfos on every file tshark can read', async (ctx) => {
    if (!(await toolAvailable('capinfos'))) {
      if (CI) throw new Error('capinfos is required under CI=true');
      ctx.skip('capinfos is not installed');
    }
    const results = await readEveryFile(rows);
    const readable = rows.filter((r) => r.tsharkRc === '0');
    const batches: ManifestRow[][] = [];
    for (let i = 0; i < readable.length; i += 50) batches.push(readable.slice(i, i + 50));
    const mismatches: string[] = [];
    await inPool(batches, 2, async (batch) => {
      // -T -r: one "file<TAB>count" line per file, no header.
      const { stdout } = await run('capinfos', ['-T', '-r', '-c', '-M', ...batch.map((r) => r.file)],
        { cwd: corpusDir, timeout: TOOL_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 });
      const counts = new Map(stdout.trimEnd().split('\n').map((l) => l.split('\t') as [string, string]));
      for (const row of batch) {
        const theirs = counts.get(row.file);
        if (theirs === undefined) mismatches.push(`${row.file}: no capinfos count`);
        else mismatches.push(...countMismatch(row.file, results.get(row.file)!.count, Number(theirs), 'capinfos'));
      }
    });
    expect(mismatches).toEqual([]);
  }, 120_000);

  it(`counts the same packets as tshark on every pcapng file and a classic pcap sample (≥ ${TSHARK_SAMPLE_SIZE} files)`, async (ctx) => {
    if (!(await toolAvailable('tshark'))) {
      if (CI) throw new Error('tshark is required under CI=true');
      ctx.skip('tshark is not installed');
    }
    const results = await readEveryFile(rows);
    const mismatches: string[] = [];

    const pcapng = rows.filter((r) => r.tsharkRc === '0' && r.container.startsWith('pcapng')).sort((a, b) => a.file.localeCompare(b.file));
    const contents = pcapng.map((r) => readFileSync(path.join(corpusDir, r.file)));
    const dir = mkdtempSync(path.join(tmpdir(), 'lvs-doctor-sweep-'));
    try {
      const joined = path.join(dir, 'all-pcapng-files.pcapng');
      writeFileSync(joined, Buffer.concat(contents));
      const framesPerSection = new Map<number, number>();
      for (const [section, encap] of await tsharkFrameRows(joined, ['frame.section_number', 'frame.encap_type'])) {
        if (encap === undefined || encap === '') continue;
        framesPerSection.set(Number(section), (framesPerSection.get(Number(section)) ?? 0) + 1);
      }
      let nextSection = 1;
      pcapng.forEach((row, i) => {
        let frames = 0;
        for (let n = sectionCount(contents[i]!); n > 0; n--) frames += framesPerSection.get(nextSection++) ?? 0;
        mismatches.push(...countMismatch(row.file, results.get(row.file)!.count, frames, 'tshark'));
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    const classic = classicPcapSample(rows, TSHARK_SAMPLE_SIZE - pcapng.length);
    expect(pcapng.length + classic.length).toBeGreaterThanOrEqual(TSHARK_SAMPLE_SIZE);
    await inPool(classic, 2, async (row) => {
      try {
        const frames = (await tsharkFrameRows(path.join(corpusDir, row.file), ['frame.encap_type'])).filter(([encap]) => encap !== '').length;
        mismatches.push(...countMismatch(row.file, results.get(row.file)!.count, frames, 'tshark'));
      } catch (err) {
        mismatches.push(`${row.file}: tshark failed (${String(err).split('\n')[0]})`);
      }
    });
    expect(mismatches).toEqual([]);
  }, 300_000);
});
