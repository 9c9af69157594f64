#!/usr/bin/env node
// `npm run bench`: throughput and memory of analyze and decode on large captures, side by side
// with a C libpcap loop, tcpdump and tshark on the same files. Captures are built once from
// fixtures/healthy-wrr (scripts/make-bench-captures.mjs) and cached under .bench/. Every
// measurement is the median of --runs runs (wall, user and system CPU, peak RSS from
// /usr/bin/time). The results are printed and written into docs/performance.md between the
// bench markers, with the machine they came from.
//
//   --runs N       runs per measurement (default 3, at least 3)
//   --no-build     use dist/ as it is (default: compile first)
//   --no-doc       print only; leave docs/performance.md alone

import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bench = path.join(root, '.bench');
const fixture = path.join(root, 'fixtures', 'healthy-wrr');
const ipvsadm = path.join(fixture, 'ipvsadm-S.txt');
const cli = path.join(root, 'dist', 'cli', 'bin.js');
const doc = path.join(root, 'docs', 'performance.md');

const { values: opts } = parseArgs({
  options: { runs: { type: 'string', default: '3' }, 'no-build': { type: 'boolean', default: false }, 'no-doc': { type: 'boolean', default: false } },
});
const RUNS = Math.max(3, Number(opts.runs) || 3);

function log(text) { process.stderr.write(`${text}\n`); }

function sh(cmd, args, options = {}) {
  return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...options });
}

function has(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
}

// ---- inputs -------------------------------------------------------------------------------

if (!opts['no-build']) {
  log('building dist/ …');
  sh('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
}

/** The captures depend on the generator and the fixture: a change rebuilds them. */
function inputsStamp() {
  const h = createHash('sha256');
  h.update(readFileSync(path.join(root, 'scripts', 'make-bench-captures.mjs')));
  for (const f of readdirSync(fixture).filter((n) => n.endsWith('.pcap')).sort()) h.update(readFileSync(path.join(fixture, f)));
  return h.digest('hex').slice(0, 16);
}

function ensureCaptures(dir, packets, names, total = false, rate = 0) {
  const out = path.join(bench, dir);
  const stamp = path.join(out, '.stamp');
  const want = `${inputsStamp()} ${packets} ${total} ${names.join(',')} ${rate}`;
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === want && names.every((n) => existsSync(path.join(out, `${n}.pcap`)))) return out;
  log(`building ${dir} (${packets.toLocaleString('en')} packets${total ? ' in all' : ''}) …`);
  mkdirSync(out, { recursive: true });
  sh('node', [path.join(root, 'scripts', 'make-bench-captures.mjs'), fixture, out, String(packets), ...(total ? ['--total'] : []), ...(rate ? ['--rate', String(rate)] : []), ...names], { cwd: root });
  writeFileSync(stamp, want);
  return out;
}

mkdirSync(bench, { recursive: true });
const one = path.join(ensureCaptures('director-1m', 1_000_000, ['director']), 'director.pcap');
const ten = path.join(ensureCaptures('director-10m', 10_000_000, ['director']), 'director.pcap');
const slice = path.join(ensureCaptures('director-100k', 100_000, ['director']), 'director.pcap');
const multiDir = ensureCaptures('set-1m', 1_000_000, ['client', 'director', 'rs1', 'rs2'], true);
// A busy director: copies overlap, 30,000 packets/s and thousands of connections in flight.
const BUSY_RATE = 30_000;
const busy = path.join(ensureCaptures('busy-1m', 1_000_000, ['director'], false, BUSY_RATE), 'director.pcap');
const busy10 = path.join(ensureCaptures('busy-10m', 10_000_000, ['director'], false, BUSY_RATE), 'director.pcap');
const multi = ['client', 'director', 'rs1', 'rs2'].map((n) => path.join(multiDir, `${n}.pcap`));

/**
 * `one` cut as `tcpdump -C` rotates a capture: director.pcap, director.pcap1, …, each the file
 * header and a run of records, byte for byte. Analysed as one capture.
 */
const ROTATED_PER_FILE = 20_000;
function ensureRotated(source, dir) {
  const out = path.join(bench, dir);
  const stamp = path.join(out, '.stamp');
  const want = `${statSync(source).mtimeMs} ${statSync(source).size} ${ROTATED_PER_FILE}`;
  const list = () => readdirSync(out).filter((n) => n.startsWith('director.pcap')).sort().map((n) => path.join(out, n));
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === want) return list();
  log(`building ${dir} (${path.basename(source)} in files of ${ROTATED_PER_FILE.toLocaleString('en')} packets) …`);
  mkdirSync(out, { recursive: true });
  for (const n of readdirSync(out)) if (n.startsWith('director.pcap')) rmSync(path.join(out, n));
  const bytes = readFileSync(source);
  if (bytes.readUInt32LE(0) !== 0xa1b2c3d4 && bytes.readUInt32LE(0) !== 0xa1b23c4d) throw new Error(`${source}: not a little-endian pcap`);
  const header = bytes.subarray(0, 24);
  let at = 24, k = 0;
  while (at < bytes.length) {
    const from = at;
    for (let n = 0; n < ROTATED_PER_FILE && at + 16 <= bytes.length; n++) at += 16 + bytes.readUInt32LE(at + 8);
    writeFileSync(path.join(out, k === 0 ? 'director.pcap' : `director.pcap${k}`), Buffer.concat([header, bytes.subarray(from, at)]));
    k++;
  }
  writeFileSync(stamp, want);
  return list();
}
const rotated = ensureRotated(one, 'director-1m-rotated');

const loop = path.join(bench, 'pcap-loop');
const loopSource = path.join(root, 'scripts', 'bench', 'pcap-loop.c');
const haveGcc = has('gcc');
if (haveGcc && (!existsSync(loop) || statSync(loop).mtimeMs < statSync(loopSource).mtimeMs)) {
  log('compiling scripts/bench/pcap-loop.c …');
  sh('gcc', ['-O2', '-o', loop, loopSource, '-lpcap']);
}

/** Packets in a capture: the generator's counts, checked once with the C loop when there is one. */
function packetsIn(files) {
  let n = 0;
  for (const f of files) {
    if (haveGcc) n += Number(/^(\d+) packets/m.exec(spawnSync(loop, [f], { encoding: 'utf8' }).stderr)?.[1] ?? NaN);
    else n += JSON.parse(sh('node', [cli, 'analyze', '--format', 'json', f])).summary.frames;
  }
  return n;
}
const sizeOf = (files) => files.reduce((n, f) => n + statSync(f).size, 0);

// ---- measuring ------------------------------------------------------------------------------

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor((s.length - 1) / 2)]; };

/** Runs `cmd` RUNS times under /usr/bin/time; stdout to /dev/null unless `check` wants it. */
function measure(label, cmd, args, { packets, bytes, env, check, scale = 1 }) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const r = spawnSync('/usr/bin/time', ['-f', '@@ %e %U %S %M', cmd, ...args], {
      encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, ...env }, stdio: ['ignore', check ? 'pipe' : 'ignore', 'pipe'],
    });
    const m = /@@ ([\d.]+) ([\d.]+) ([\d.]+) (\d+)\s*$/.exec(r.stderr);
    if (!m) throw new Error(`${label}: no timing (${r.stderr.slice(-400)})`);
    if (check) check(r.stdout);
    runs.push({ wall: Number(m[1]), user: Number(m[2]), sys: Number(m[3]), rssMb: Number(m[4]) / 1024 });
  }
  const row = {
    label,
    wall: median(runs.map((r) => r.wall)) * scale,
    user: median(runs.map((r) => r.user)) * scale,
    sys: median(runs.map((r) => r.sys)) * scale,
    rssMb: median(runs.map((r) => r.rssMb)),
    minWall: Math.min(...runs.map((r) => r.wall)) * scale,
    packets, bytes,
  };
  log(`  ${label}: ${row.wall.toFixed(2)} s wall (min ${row.minWall.toFixed(2)}), ${row.user.toFixed(2)} s user, ${row.rssMb.toFixed(0)} MB`);
  return row;
}

function analyzeCheck(frames) {
  return (stdout) => {
    const got = JSON.parse(stdout).summary.frames;
    if (got !== frames) throw new Error(`analyze saw ${got} frames, expected ${frames}`);
  };
}

const p1 = packetsIn([one]), p10 = packetsIn([ten]), pSlice = packetsIn([slice]), pMulti = packetsIn(multi);
const pBusy = packetsIn([busy]), pBusy10 = packetsIn([busy10]);
const load0 = loadavg();
log(`measuring (${RUNS} runs each) …`);
const rows = [];
const analyze = (files, ...more) => ['analyze', '--format', 'json', ...more, ...files];
rows.push(measure('analyze, 1 capture, 1M', 'node', [cli, ...analyze([one])], { packets: p1, bytes: sizeOf([one]), check: analyzeCheck(p1) }));
rows.push(measure('analyze, 1 capture, 10M', 'node', [cli, ...analyze([ten])], { packets: p10, bytes: sizeOf([ten]), check: analyzeCheck(p10) }));
rows.push(measure(`analyze, busy director (${BUSY_RATE / 1000}k packets/s), 1M`, 'node', [cli, ...analyze([busy])], { packets: pBusy, bytes: sizeOf([busy]), check: analyzeCheck(pBusy) }));
rows.push(measure(`analyze, busy director (${BUSY_RATE / 1000}k packets/s), 10M`, 'node', [cli, ...analyze([busy10])], { packets: pBusy10, bytes: sizeOf([busy10]), check: analyzeCheck(pBusy10) }));
// With the director's configuration the scheduling checks run too (and keep their logs).
rows.push(measure(`analyze, 1 capture rotated into ${rotated.length} files, 1M`, 'node', [cli, ...analyze(rotated)], { packets: p1, bytes: sizeOf(rotated), check: analyzeCheck(p1) }));
rows.push(measure('analyze --ipvsadm, 1 capture, 1M', 'node', [cli, ...analyze([one], '--ipvsadm', ipvsadm)], { packets: p1, bytes: sizeOf([one]), check: analyzeCheck(p1) }));
rows.push(measure('analyze, 4 captures, 1M in all', 'node', [cli, ...analyze(multi)], { packets: pMulti, bytes: sizeOf(multi), check: analyzeCheck(pMulti) }));
// Decode workers are opt-in (LVS_DOCTOR_DECODE_WORKERS): one per spare core decodes and hashes.
rows.push(measure('analyze, 4 captures, 1M, decode workers', 'node', [cli, ...analyze(multi)], {
  packets: pMulti, bytes: sizeOf(multi), env: { LVS_DOCTOR_DECODE_WORKERS: 'auto' }, check: analyzeCheck(pMulti),
}));
rows.push(measure('decode (JSON lines) > /dev/null, 1M', 'node', [cli, 'decode', one], { packets: p1, bytes: sizeOf([one]) }));
if (haveGcc) {
  rows.push(measure('C libpcap loop, header decode, 1M', loop, [one], { packets: p1, bytes: sizeOf([one]) }));
  rows.push(measure('C libpcap loop, header decode + printf line, 1M', loop, [one, '--print'], { packets: p1, bytes: sizeOf([one]) }));
}
if (has('tcpdump')) rows.push(measure('tcpdump -r F -w /dev/null, 1M', 'tcpdump', ['-r', one, '-w', '/dev/null'], { packets: p1, bytes: sizeOf([one]) }));
const haveTshark = has('tshark');
if (haveTshark) {
  // tshark is slow: a 100k slice, scaled to a million packets.
  const fields = ['-T', 'fields', '-e', 'ip.src', '-e', 'ip.dst', '-e', 'tcp.srcport', '-e', 'tcp.dstport'];
  rows.push(measure('tshark -T fields (4 fields), 100k slice, ×10', 'tshark', ['-r', slice, ...fields], {
    packets: pSlice * 10, bytes: sizeOf([slice]) * 10, scale: 10,
  }));
}
const load1 = loadavg();

// ---- report -----------------------------------------------------------------------------------

const byLabel = (prefix) => rows.find((r) => r.label.startsWith(prefix));
const rate = (r) => r.packets / r.wall;
const ratios = [];
const a1 = byLabel('analyze, 1 capture, 1M'), a10 = byLabel('analyze, 1 capture, 10M');
const ts = byLabel('tshark'), dec = byLabel('decode'), cl = byLabel('C libpcap loop, header decode, 1M'), clp = byLabel('C libpcap loop, header decode + printf');
const am0 = byLabel('analyze, 4 captures, 1M in all'), am = byLabel('analyze, 4 captures, 1M, decode workers');
if (ts) ratios.push(['analyze (1 capture) vs tshark -T fields, packets/s', `${(rate(a1) / rate(ts)).toFixed(1)}×`]);
if (cl) ratios.push(['decode command vs C loop (decode only), wall', `${(dec.wall / cl.wall).toFixed(1)}× the time`]);
if (clp) ratios.push(['decode command vs C loop printing a line per frame, wall', `${(dec.wall / clp.wall).toFixed(1)}× the time`]);
ratios.push(['peak RSS, 10M vs 1M packets', `${(a10.rssMb / a1.rssMb).toFixed(2)}×`]);
const b1 = byLabel('analyze, busy director ('), b10 = rows.find((r) => r.label.startsWith('analyze, busy director') && r.label.endsWith('10M'));
ratios.push(['peak RSS, busy director, 10M vs 1M packets', `${(b10.rssMb / b1.rssMb).toFixed(2)}×`]);
const rot = byLabel('analyze, 1 capture rotated');
ratios.push([`peak RSS, 1M packets rotated into ${rotated.length} files vs one file`, `${(rot.rssMb / a1.rssMb).toFixed(2)}×`]);
ratios.push(['4 captures: decode workers vs none, wall', `${(am.wall / am0.wall).toFixed(2)}×`]);

const cpuinfo = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '';
const cpuModel = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? cpus()[0]?.model ?? 'unknown';
const machine = [
  `${cpus().length} CPUs (nproc ${sh('nproc', []).trim()}), ${cpuModel}`,
  `Node ${process.version}; ${has('tshark') ? sh('tshark', ['--version']).split('\n')[0].replace(/\.$/, '') : 'no tshark'}; ${has('tcpdump') ? sh('tcpdump', ['--version'], { stdio: ['ignore', 'pipe', 'pipe'] }).split('\n')[0] : 'no tcpdump'}`,
  `load average ${load0.map((x) => x.toFixed(1)).join(' ')} before, ${load1.map((x) => x.toFixed(1)).join(' ')} after (a shared machine: compare user CPU as well as wall time)`,
  `${new Date().toISOString().slice(0, 10)}, ${RUNS} runs each, medians`,
];

const mb = (b) => (b / 1e6).toFixed(0);
const table = [
  '| what | packets | MB | wall s (min) | user s | sys s | packets/s | MB/s | peak RSS MB |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...rows.map((r) => `| ${r.label} | ${r.packets.toLocaleString('en')} | ${mb(r.bytes)} | ${r.wall.toFixed(2)} (${r.minWall.toFixed(2)}) | ${r.user.toFixed(2)} | ${r.sys.toFixed(2)} | ${(rate(r) / 1e6).toFixed(2)} M | ${(r.bytes / 1e6 / r.wall).toFixed(0)} | ${r.rssMb.toFixed(0)} |`),
];
const text = [
  ...machine.map((m) => `* ${m}`),
  '',
  ...table,
  '',
  '| ratio | value |',
  '|---|---|',
  ...ratios.map(([k, v]) => `| ${k} | ${v} |`),
].join('\n');

process.stdout.write(`${text}\n`);

if (!opts['no-doc']) {
  const begin = '<!-- bench:begin -->', end = '<!-- bench:end -->';
  const current = existsSync(doc) ? readFileSync(doc, 'utf8') : `# Performance\n\n${begin}\n${end}\n`;
  const i = current.indexOf(begin), j = current.indexOf(end);
  if (i < 0 || j < i) throw new Error(`${doc} has no ${begin} … ${end} section`);
  writeFileSync(doc, `${current.slice(0, i + begin.length)}\n${text}\n${current.slice(j)}`);
  log(`wrote ${path.relative(root, doc)}`);
}
