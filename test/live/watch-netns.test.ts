// `lvs-doctor watch` end to end on a real (namespaced) network: the built CLI captures on the
// director's interface with libpcap and reads two real servers through `--remote` tcpdump
// commands, while a fake DR exchange runs and rs1 answers ARP for the VIP. Root only; skipped
// with a reason elsewhere, and failing in CI (CI=true) where everything must be present.

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeFrame } from '../../src/decode/frame.js';
import { formatIp } from '../../src/decode/addresses.js';
import { openCaptureFile } from '../../src/io/open-capture.js';
import { hasCommand } from '../support/external-tools.js';
import { CLI, ensureBuilt, ROOT } from './built-cli.js';
import { createLab, HOSTS, VIP, type Lab } from './netns-lab.js';
import { watchProcess, type WatchProcess } from './watch-process.js';

const TRAFFIC = join(ROOT, 'test/live/lab-traffic.py');
const missing = [
  ...(process.getuid?.() === 0 ? [] : ['root']),
  ...['ip', 'tcpdump', 'tshark', 'python3', 'ethtool'].filter((t) => !hasCommand(t)),
  ...(existsSync(join(ROOT, 'node_modules/cap/build/Release/cap.node')) ? [] : ['the cap binding (npm install cap)']),
];
const skip = missing.length > 0 && process.env.CI !== 'true';
const title = `watch on network namespaces${skip ? ` (skipped: needs ${missing.join(', ')})` : ''}`;

const IPVSADM = `-A -t ${VIP}:80 -s rr\n-a -t ${VIP}:80 -r ${HOSTS.rs1}:80 -g -w 1\n-a -t ${VIP}:80 -r ${HOSTS.rs2}:80 -g -w 1\n`;

/** Long enough for the probe and the DR traffic to happen inside it on a loaded machine. */
const WARMUP_MS = 6000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Finding = { check: string; verdict: string; severity: string; hosts: { ip?: string }[] };
type Report = { findings: Finding[]; captures: { host: string; frames: number; error?: unknown }[] };

/**
 * Findings as (check, verdict, host IPs). Clock-offset notes are left out: offsets are estimates,
 * live from the warm-up and offline from the whole file, and a local capture is timestamped when
 * the packet reaches the capture process, so a busy machine can move them by milliseconds.
 */
const findingKeys = (r: Report) => r.findings
  .filter((f) => f.check !== 'capture/clock-offset')
  .map((f) => `${f.check} ${f.verdict} ${f.hosts.map((h) => h.ip ?? '-').join(',')}`).sort();

async function readSaved(path: string): Promise<{ frames: number; interfaces: string[]; arpTargets: string[] }> {
  const reader = openCaptureFile(path);
  let frames = 0;
  const arpTargets: string[] = [];
  for await (const batch of reader.batches()) {
    for (const raw of batch) {
      frames++;
      const arp = decodeFrame(raw).arp;
      if (arp?.op === 1) arpTargets.push(formatIp(arp.tpa));
    }
  }
  expect(reader.error, `${path}: ${reader.error?.message}`).toBeUndefined();
  return { frames, interfaces: reader.interfaces.map((i) => i.name ?? ''), arpTargets };
}

/** Frames saved so far (the file is being written: a cut last block is expected). */
async function savedArpTargets(path: string): Promise<string[]> {
  if (!existsSync(path)) return [];
  const targets: string[] = [];
  for await (const batch of openCaptureFile(path).batches()) {
    for (const raw of batch) {
      const arp = decodeFrame(raw).arp;
      if (arp?.op === 1) targets.push(formatIp(arp.tpa));
    }
  }
  return targets;
}

function tsharkFields(path: string, field: string): string[] {
  return execFileSync('tshark', ['-r', path, '-T', 'fields', '-e', field], { encoding: 'utf8', timeout: 30_000 })
    .split('\n').filter(Boolean);
}

describe.skipIf(skip)(title, () => {
  let lab: Lab | undefined;
  let dir = '';
  const watches: WatchProcess[] = [];

  beforeAll(() => {
    expect(missing, 'tools the namespace test needs').toEqual([]);
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'lvsd-watch-netns-'));
    writeFileSync(join(dir, 'ipvsadm.txt'), IPVSADM);
    lab = createLab();
    // The fake director forwards VIP traffic to rs2 (MAC rewrite only); rs2 serves it from the VIP.
    lab.start('director', ['python3', TRAFFIC, 'director', 'eth0', VIP, lab.macOf('rs2'), '120']);
    lab.start('rs2', ['python3', TRAFFIC, 'serve', VIP, '80', '120']);
  }, 240_000);

  afterAll(() => {
    for (const w of watches) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
    lab?.destroy();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  function startWatch(args: readonly string[]): WatchProcess {
    const w = watchProcess(lab!.start('director', [process.execPath, CLI, 'watch', ...args]));
    watches.push(w);
    return w;
  }

  const remote = (host: 'rs1' | 'rs2', command = 'tcpdump -U -w - -i eth0') => `${host}=ip netns exec ${lab!.ns(host)} ${command}`;

  /** Sends ARP for `target` until every file in `dir` shows it: the captures are all running. */
  async function probeUntilSaved(out: string, hosts: readonly string[], target: string): Promise<void> {
    for (let attempt = 0; attempt < 30; attempt++) {
      lab!.run('client', ['python3', TRAFFIC, 'arp', 'eth0', HOSTS.client, target, '1']);
      await sleep(200);
      const seen = await Promise.all(hosts.map((h) => savedArpTargets(join(out, `${h}.pcapng`))));
      if (seen.every((t) => t.includes(target))) return;
    }
    throw new Error(`ARP for ${target} never reached all of ${hosts.join(', ')}`);
  }

  /**
   * The deployment at work, while the watch warms up: the director announces the VIP (as
   * keepalived does), the client reaches each host's own address (so ARP ties IPs to MACs) and
   * connects to the service through the director.
   */
  function revealDeployment(): void {
    lab!.run('director', ['python3', TRAFFIC, 'garp', 'eth0', VIP, '3']);
    lab!.run('client', ['python3', TRAFFIC, 'connect',
      `${HOSTS.rs1}:9`, `${HOSTS.rs2}:9`, `${HOSTS.director}:9`, `${VIP}:80`, `${VIP}:80`, `${VIP}:80`]);
  }

  it('names the real server that answers ARP for the VIP, saves complete files, and exits 1 on SIGINT', async () => {
    const out = join(dir, 'diagnosis');
    const w = startWatch([
      'eth0', '--role', 'director=eth0', '--remote', remote('rs1'), '--remote', remote('rs2'),
      '--ipvsadm', join(dir, 'ipvsadm.txt'), '--write', out, '--format', 'json', '--warmup', String(WARMUP_MS / 1000),
    ]);
    await w.waitForStderr(/^lvs-doctor: watching director \(interface:eth0\), rs1 \(remote:rs1\), rs2 \(remote:rs2\)/m, 30_000);
    const watching = Date.now();
    await probeUntilSaved(out, ['director', 'rs1', 'rs2'], '192.0.2.99');
    revealDeployment();
    // The fault once the topology is learned (a long warm-up keeps that independent of timing).
    await sleep(Math.max(0, watching + WARMUP_MS + 1000 - Date.now()));
    lab!.run('client', ['python3', TRAFFIC, 'arp', 'eth0', HOSTS.client, VIP, '3']);
    await w.waitForStderr(/✗ error arp\/vip-answered-by-non-director: .*answered ARP for VIP 192\.0\.2\.100/, 20_000);
    await sleep(500);
    w.child.kill('SIGINT');
    const exit = await w.exited(30_000);
    expect(exit, w.stderr()).toEqual({ code: 1, signal: null });
    expect(w.stderr()).toMatch(/^lvs-doctor: stopping: SIGINT$/m);

    const report = JSON.parse(w.stdout()) as Report;
    const arp = report.findings.find((f) => f.check === 'arp/vip-answered-by-non-director' && f.verdict === 'fail');
    expect(arp?.hosts.map((h) => h.ip)).toEqual([HOSTS.rs1]);

    // The files are complete: every frame the report counted, readable by us and by tshark.
    for (const host of ['director', 'rs1', 'rs2']) {
      const path = join(out, `${host}.pcapng`);
      const saved = await readSaved(path);
      const counted = report.captures.find((c) => c.host === host)!;
      expect(counted.error).toBeUndefined();
      expect(saved.frames).toBeGreaterThan(0);
      expect(saved.frames).toBe(counted.frames);
      expect(saved.interfaces).toEqual([host]);
      const names = tsharkFields(path, 'frame.interface_name');
      expect(names.length).toBe(saved.frames);
      expect(new Set(names)).toEqual(new Set([host]));
    }

    // Re-checking the files gives the same findings.
    const hint = /re-check them with: lvs-doctor (analyze .*)$/m.exec(w.stderr());
    expect(hint, w.stderr()).not.toBeNull();
    const again = spawnSync(process.execPath, [CLI, ...hint![1]!.split(' '), '--format', 'json'], { encoding: 'utf8', timeout: 60_000 });
    expect(again.status, again.stderr).toBe(1);
    const offline = JSON.parse(again.stdout) as Report;
    expect(findingKeys(offline)).toEqual(findingKeys(report));
  }, 120_000);

  it('reports a remote source that dies while the others keep capturing, and exits 2 on SIGTERM', async () => {
    const out = join(dir, 'resilience');
    const pidFile = join(dir, 'rs2.pid');
    const w = startWatch([
      'eth0', '--role', 'director=eth0', '--remote', remote('rs1'),
      '--remote', remote('rs2', `sh -c 'echo $$ > ${pidFile}; exec tcpdump -U -w - -i eth0'`),
      '--write', out, '--format', 'json',
    ]);
    await w.waitForStderr(/^lvs-doctor: watching /m, 30_000);
    await probeUntilSaved(out, ['director', 'rs1', 'rs2'], '192.0.2.77');
    const pid = Number(readFileSync(pidFile, 'utf8'));
    expect(pid).toBeGreaterThan(1);
    process.kill(pid, 'SIGKILL');
    await w.waitForStderr(/^lvs-doctor: rs2 failed: the command (was killed by SIGKILL|exited with status 137)/m, 15_000);
    // Traffic after the failure still reaches the other sources.
    lab!.run('client', ['python3', TRAFFIC, 'arp', 'eth0', HOSTS.client, '192.0.2.78', '3']);
    await sleep(1500);
    w.child.kill('SIGTERM');
    const exit = await w.exited(30_000);
    expect(exit, w.stderr()).toEqual({ code: 2, signal: null });
    expect(w.stderr().match(/rs2 failed/g)).toHaveLength(1);
    expect(w.stderr()).toMatch(/^lvs-doctor: stopping: SIGTERM$/m);

    const report = JSON.parse(w.stdout()) as Report;
    expect(report.captures.map((c) => c.host)).toEqual(['director', 'rs1', 'rs2']);
    const director = await readSaved(join(out, 'director.pcapng'));
    const rs1 = await readSaved(join(out, 'rs1.pcapng'));
    const rs2 = await readSaved(join(out, 'rs2.pcapng'));
    for (const kept of [director, rs1]) expect(kept.arpTargets).toEqual(expect.arrayContaining(['192.0.2.77', '192.0.2.78']));
    expect(rs2.arpTargets).toContain('192.0.2.77');
    expect(rs2.arpTargets).not.toContain('192.0.2.78');
  }, 120_000);
});
