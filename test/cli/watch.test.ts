// `lvs-doctor watch` in-process, with sources that need no privileges: remote commands that
// replay recorded captures (or misbehave), streams read from files and stdin, and capture
// starters that fail the way a missing binding or a missing permission does.

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/cli-io.js';
import { run } from '../../src/cli/main.js';
import { createWatchCommand, type SignalHub } from '../../src/cli/commands/watch.js';
import type { InterfaceStart } from '../../src/live/interface-source.js';
import { startReadSource } from '../../src/live/read-source.js';
import { startRemoteSource } from '../../src/live/remote-source.js';
import type { SourceStarters } from '../../src/live/watch-session.js';
import { fakeIo } from '../support/fake-io.js';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const fixtures = join(root, 'fixtures/healthy-wrr');
const HOSTS = ['client', 'director', 'rs1', 'rs2', 'router'] as const;
const replay = HOSTS.flatMap((h) => ['--remote', `${h}=cat ${join(fixtures, `${h}.pcap`)}`]);

type Finding = { check: string; verdict: string; message: string };
const findingKeys = (report: { findings: Finding[] }) => report.findings.map((f) => `${f.check} ${f.verdict} ${f.message}`).sort();

function starters(startInterface: () => Promise<InterfaceStart>, cwd = root): (io: CliIo) => SourceStarters {
  return (io) => ({
    startInterface,
    startRemote: (spec) => startRemoteSource(spec, { cwd }),
    startRead: (spec) => startReadSource(spec, io.stdin),
  });
}

/** Alive and not a zombie (a container's init may not reap orphans). */
function isRunning(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
  } catch {
    return false;
  }
}

function manualSignals(): SignalHub & { fire(signal: 'SIGINT' | 'SIGTERM'): void; count(): number } {
  const handlers = new Map<string, Set<() => void>>();
  return {
    on: (s, h) => { handlers.set(s, (handlers.get(s) ?? new Set()).add(h)); },
    off: (s, h) => { handlers.get(s)?.delete(h); },
    fire: (s) => { for (const h of handlers.get(s) ?? []) h(); },
    count: () => [...handlers.values()].reduce((n, s) => n + s.size, 0),
  };
}

describe('lvs-doctor watch', () => {
  it('checks remote capture streams like analyze checks the same captures, and stops when they all end', async () => {
    const io = fakeIo();
    expect(await run(['watch', ...replay, '--format', 'json'], io)).toBe(0);
    const live = JSON.parse(io.stdout.text());
    expect(live.captures.map((c: { host: string; file: string }) => [c.host, c.file])).toEqual(HOSTS.map((h) => [h, `remote:${h}`]));
    const offline = fakeIo();
    await run(['analyze', '--format', 'json', ...HOSTS.flatMap((h) => ['--role', `${h}=${join(fixtures, `${h}.pcap`)}`])], offline);
    const expected = JSON.parse(offline.stdout.text());
    expect(live.summary.frames).toBe(expected.summary.frames);
    expect(findingKeys(live)).toEqual(findingKeys(expected));
    const err = io.stderr.text();
    expect(err).toMatch(/^lvs-doctor: watching client \(remote:client\), director/m);
    expect(err).toMatch(/^lvs-doctor: rs1 ended: the command ended its capture$/m);
    expect(err).toMatch(/^lvs-doctor: stopping: every source ended$/m);
  });

  it('prints nothing but the report with --quiet, and a table by default', async () => {
    const io = fakeIo();
    expect(await run(['watch', ...replay, '--quiet'], io)).toBe(0);
    expect(io.stderr.text()).toBe('');
    expect(io.stdout.text()).toMatch(/^lvs-doctor .*5 captures/m);
  });

  it('reports a remote command whose output is not a capture once, stops it, and keeps the others', async () => {
    const io = fakeIo();
    const started = Date.now();
    const code = await run(['watch', '--remote', "junk=printf 'HTTP/1.1 200 OK\\r\\n\\r\\n'; sleep 30", '--remote', `rs1=cat ${join(fixtures, 'rs1.pcap')}`, '--format', 'json'], io);
    expect(code).toBe(2);
    expect(Date.now() - started).toBeLessThan(15_000);
    const err = io.stderr.text();
    expect(err.match(/junk failed/g)).toHaveLength(1);
    expect(err).toMatch(/junk failed: the capture stream broke at byte 0: .*not a capture/i);
    const report = JSON.parse(io.stdout.text());
    expect(report.captures.find((c: { host: string }) => c.host === 'rs1').frames).toBeGreaterThan(0);
    expect(report.captures.find((c: { host: string }) => c.host === 'junk').error.offset).toBe(0);
  });

  it('reports a remote command that exits with an error, with its stderr escaped', async () => {
    const io = fakeIo();
    const code = await run(['watch', '--remote', "rs9=printf 'ssh: connect to host rs9: refused \\033[31m\\n' >&2; exit 1", '--format', 'json'], io);
    expect(code).toBe(2);
    const err = io.stderr.text();
    expect(err).toMatch(/^lvs-doctor: rs9 failed: the command exited with status 1; no capture data arrived$/m);
    expect(err).toContain('lvs-doctor:   rs9 stderr: ssh: connect to host rs9: refused \\e[31m');
    expect(err).not.toContain('\u001b');
  });

  it('reads a stream from a file and from stdin', async () => {
    const io = fakeIo({ stdin: readFileSync(join(fixtures, 'director.pcap')) });
    const code = await run(['watch', '--read', 'director=-', '--read', `rs2=${join(fixtures, 'rs2.pcap')}`, '--format', 'json', '--quiet'], io);
    const report = JSON.parse(io.stdout.text());
    expect(code).toBe(report.summary.errors > 0 ? 1 : 0);
    expect(report.captures.map((c: { file: string; frames: number }) => [c.file, c.frames > 0])).toEqual([['<stdin>', true], [join(fixtures, 'rs2.pcap'), true]]);
  });

  it('refuses a --read file that does not exist', async () => {
    const io = fakeIo();
    expect(await run(['watch', '--read', 'rs1=/nonexistent/rs1.fifo'], io)).toBe(2);
    expect(io.stderr.text()).toBe('lvs-doctor: --read rs1=/nonexistent/rs1.fifo: no such file or FIFO\n');
  });

  it('stops on --duration and ends a remote command that is still running, with its process group', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lvsd-watch-'));
    const pidFile = join(dir, 'pid');
    const io = fakeIo();
    const started = Date.now();
    // A capture that never sends a packet; the sleep runs in the background of the shell.
    const command = `cat ${join(fixtures, 'rs1.pcap')} | head -c 24; sleep 30 & echo $! > ${pidFile}; wait`;
    const code = await run(['watch', '--remote', `rs1=${command}`, '--duration', '1', '--format', 'json'], io);
    expect(code).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(io.stderr.text()).toMatch(/stopping: --duration 1s reached/);
    // The group was signalled; the background process may take a moment to exit and be reaped.
    const pid = Number(readFileSync(pidFile, 'utf8'));
    for (let i = 0; i < 50 && isRunning(pid); i++) await new Promise((r) => setTimeout(r, 100));
    expect(isRunning(pid)).toBe(false);
  });

  it('stops on SIGINT and SIGTERM, with handlers installed only while watching', async () => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      const signals = manualSignals();
      const io = fakeIo();
      const command = createWatchCommand({ signals, starters: starters(() => Promise.reject(new Error('unused'))) });
      const done = command(['--remote', 'rs1=sleep 30', '--format', 'json'], io);
      for (let i = 0; i < 100 && signals.count() === 0; i++) await new Promise((r) => setTimeout(r, 10));
      expect(signals.count()).toBe(2);
      signals.fire(signal);
      expect(await done).toBe(0);
      expect(signals.count()).toBe(0);
      expect(io.stderr.text()).toContain(`stopping: ${signal}`);
    }
  });

  it('stops promptly when asked to during a long warm-up', async () => {
    const signals = manualSignals();
    const io = fakeIo();
    const command = createWatchCommand({ signals, starters: starters(() => Promise.reject(new Error('unused'))) });
    const started = Date.now();
    const done = command(['--remote', `rs1=cat ${join(fixtures, 'rs1.pcap')}; sleep 30`, '--warmup', '60', '--format', 'json'], io);
    await new Promise((r) => setTimeout(r, 500));
    signals.fire('SIGINT');
    expect(await done).toBe(0);
    expect(Date.now() - started).toBeLessThan(6000);
    expect(JSON.parse(io.stdout.text()).captures[0].frames).toBeGreaterThan(0);
  });

  it('says in one line what to install when the capture binding is missing, and exits 2', async () => {
    const io = fakeIo();
    const command = createWatchCommand({
      starters: starters(async () => ({ ok: false, failure: { kind: 'missing-binding', detail: "Cannot find package 'cap'" } })),
    });
    expect(await command(['eth0', 'eth1', '--remote', 'rs1=sleep 30'], io)).toBe(2);
    expect(io.stderr.text()).toBe(
      "lvs-doctor: live capture needs the optional libpcap binding 'cap' (Cannot find package 'cap'); install it: apt-get install libpcap-dev && npm install cap\n",
    );
    expect(io.stdout.text()).toBe('');
  });

  it('tells how to get the permission to capture, and exits 2', async () => {
    const io = fakeIo();
    const command = createWatchCommand({
      starters: starters(async () => ({ ok: false, failure: { kind: 'permission', detail: 'socket: Operation not permitted' } })),
    });
    expect(await command(['eth0'], io)).toBe(2);
    expect(io.stderr.text()).toBe(
      'lvs-doctor: eth0: no permission to capture (socket: Operation not permitted); run as root or grant CAP_NET_RAW and CAP_NET_ADMIN: setcap cap_net_raw,cap_net_admin=eip $(readlink -f $(which node))\n',
    );
  });

  it('saves every source with --write, and the files re-check to the same findings', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lvsd-watch-'));
    const io = fakeIo();
    expect(await run(['watch', ...replay, '--write', dir, '--format', 'json'], io)).toBe(0);
    const live = JSON.parse(io.stdout.text());
    const hint = /re-check them with: lvs-doctor (analyze .*)$/m.exec(io.stderr.text());
    expect(hint).not.toBeNull();
    const again = fakeIo();
    await run([...hint![1]!.split(' '), '--format', 'json'], again);
    const offline = JSON.parse(again.stdout.text());
    expect(offline.captures.map((c: { host: string; frames: number }) => [c.host, c.frames])).toEqual(live.captures.map((c: { host: string; frames: number }) => [c.host, c.frames]));
    expect(findingKeys(offline)).toEqual(findingKeys(live));
  });

  it('prints its usage', async () => {
    const io = fakeIo();
    expect(await run(['watch', '--help'], io)).toBe(0);
    expect(io.stdout.text()).toMatch(/^usage: lvs-doctor watch/);
    const bad = fakeIo();
    expect(await run(['watch'], bad)).toBe(2);
    expect(bad.stderr.text()).toMatch(/nothing to watch/);
  });
});
