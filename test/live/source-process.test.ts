// Processes behind sources: stopping reaches the whole process group and escalates to SIGKILL
// when SIGTERM is ignored; a command that cannot start still has an exit to wait for.

import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createStderrTail } from '../../src/live/stderr-tail.js';
import { describeExit, superviseProcess } from '../../src/live/source-process.js';
import { vantageGaps } from '../../src/live/watch-status.js';
import { reanalyzeCommand } from '../../src/live/reanalyze-hint.js';

function isRunning(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
  } catch {
    return false;
  }
}

describe('superviseProcess', () => {
  it('kills a command that ignores SIGTERM, and the children of its group', async () => {
    const child = spawn('/bin/sh', ['-c', 'trap "" TERM; sleep 30 & echo $!; wait'], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const proc = superviseProcess(child);
    const pid = await new Promise<number>((resolve) => child.stdout!.once('data', (d: Buffer) => resolve(Number(d.toString()))));
    const started = Date.now();
    await proc.stop(200);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(proc.exit).toEqual({ code: null, signal: 'SIGKILL' });
    expect(describeExit(proc.exit!)).toBe('was killed by SIGKILL');
    for (let i = 0; i < 20 && isRunning(pid); i++) await new Promise((r) => setTimeout(r, 50));
    expect(isRunning(pid)).toBe(false);
  });

  it('keeps the end of stderr and turns a failed spawn into an exit', async () => {
    const proc = superviseProcess(spawn('/nonexistent/capture-tool', [], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] }));
    expect(await proc.exited).toEqual({ code: 127, signal: null });
    expect(proc.stderr()).toMatch(/ENOENT/);
    await proc.stop();
    const tail = createStderrTail(8);
    tail.push(Buffer.from('0123456789abcdef'));
    expect(tail.text()).toBe('89abcdef');
  });
});

describe('vantageGaps', () => {
  it('names the vantage points no source covers, once every role is known', () => {
    expect(vantageGaps(['director', 'real-server'])).toEqual(['the client side']);
    expect(vantageGaps(['router', 'director', 'real-server'])).toEqual([]);
    expect(vantageGaps(['client'])).toEqual(['a director', 'a real server']);
    expect(vantageGaps(['director', undefined])).toEqual([]);
    expect(vantageGaps([])).toEqual([]);
  });
});

describe('reanalyzeCommand', () => {
  it('repeats the configuration and names the saved files like the sources were named', () => {
    expect(reanalyzeCommand(
      [{ name: 'director', file: '/out/director.pcapng', hasRole: true }, { name: 'eth1', file: '/out/eth1.pcapng', hasRole: false }],
      { ipvsadm: ['ipvs.txt'], keepalived: [], topology: ['my topology.json'] },
    )).toBe("lvs-doctor analyze --ipvsadm ipvs.txt --topology 'my topology.json' --role director=/out/director.pcapng /out/eth1.pcapng");
  });
});
