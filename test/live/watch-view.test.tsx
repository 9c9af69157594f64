// The live view: Given session events, When they arrive, Then findings are appended to the
// log as they are confirmed, above a status block with per-source rates and what ended;
// q and Ctrl-C ask to stop. The reducer is tested without Ink, the view through it.

import { describe, expect, it, vi } from 'vitest';
import type { LiveFinding } from '../../src/live/live-finding.js';
import type { SourceStatus, WatchStatus } from '../../src/live/watch-status.js';
import { WatchApp } from '../../src/tui/watch/watch-app.js';
import { createWatchFeed } from '../../src/tui/watch/watch-feed.js';
import { watchActionForKey } from '../../src/tui/watch/watch-keys.js';
import { initialWatchState, reduceWatch, type WatchAction } from '../../src/tui/watch/watch-state.js';
import { KEY, renderTui } from '../support/render-tui.js';

const finding: LiveFinding = {
  check: 'arp/vip-answered-by-non-director', severity: 'error', verdict: 'fail',
  message: 'rs1 answered ARP for VIP 192.0.2.100 with its own MAC 9a:16:0e:29:bb:c9; only the director may.',
  hosts: ['192.0.2.11'], at: Date.UTC(2025, 0, 1, 12, 0, 0),
};

function source(name: string, over: Partial<SourceStatus> = {}): SourceStatus {
  return { name, label: `remote:${name}`, kind: 'remote', state: 'live', packets: 0, rate: 0, ...over };
}

function status(sources: SourceStatus[], over: Partial<WatchStatus> = {}): WatchStatus {
  return { elapsedMs: 12_000, sources, processed: 1500, pending: 0, waitingFor: [], ...over };
}

describe('reduceWatch', () => {
  it('appends findings and source ends to the log, and counts failing findings by severity', () => {
    const actions: WatchAction[] = [
      { type: 'started', sources: [source('director'), source('rs1')] },
      { type: 'finding-added', finding },
      { type: 'finding-added', finding: { ...finding, severity: 'info', check: 'capture/clock-offset', verdict: 'inconclusive' } },
      { type: 'source-ended', name: 'rs1', end: { kind: 'failed', reason: 'the command exited with status 255' }, at: 0 },
    ];
    const state = actions.reduce(reduceWatch, initialWatchState(80));
    expect(state.log.map((e) => [e.id, e.kind])).toEqual([[0, 'finding'], [1, 'finding'], [2, 'source-ended']]);
    expect(state.counts).toEqual({ error: 1, warning: 0, info: 0 });
    expect(state.sources.map((s) => [s.name, s.state, s.reason])).toEqual([['director', 'live', undefined], ['rs1', 'failed', 'the command exited with status 255']]);
  });

  it('asks to stop once, and keeps the first reason for stopping', () => {
    let state = reduceWatch(initialWatchState(80), { type: 'stop-requested' });
    expect(reduceWatch(state, { type: 'stop-requested' })).toBe(state);
    state = reduceWatch(reduceWatch(state, { type: 'stopping', reason: 'q' }), { type: 'stopping', reason: 'SIGTERM' });
    expect(state.stopping).toBe('q');
  });

  it('maps q and Ctrl-C to a stop request and ignores other keys', () => {
    expect(watchActionForKey('q', {})).toEqual({ type: 'stop-requested' });
    expect(watchActionForKey('c', { ctrl: true })).toEqual({ type: 'stop-requested' });
    expect(watchActionForKey('j', {})).toBeUndefined();
    expect(watchActionForKey('q', { ctrl: true })).toBeUndefined();
  });
});

describe('the live view', () => {
  it('shows the status of each source, then findings as they come, and stops on q', async () => {
    const feed = createWatchFeed();
    const onStop = vi.fn();
    const ui = renderTui(<WatchApp feed={feed} columns={100} color={false} keys onStop={onStop} />, { columns: 100, rows: 30 });
    try {
      await ui.waitFor((f) => f.includes('◌ starting the sources…'));
      feed.push({ type: 'started', sources: [source('director', { kind: 'interface', label: 'interface:eth0' }), source('rs1')] });
      feed.push({ type: 'status-updated', status: status([
        source('director', { kind: 'interface', label: 'interface:eth0', packets: 1200, rate: 40 }),
        source('rs1', { packets: 300, rate: 10, drops: 3 }),
      ], { waitingFor: ['the client side'] }) });
      let frame = await ui.waitFor((f) => f.includes('1.2k pkts'));
      expect(frame).toContain('● watching 12s');
      expect(frame).toMatch(/director interface:eth0\s+1\.2k pkts\s+40\/s/);
      expect(frame).toMatch(/rs1 remote:rs1\s+300 pkts\s+10\/s\s+3 dropped/);
      expect(frame).toContain('no capture from the client side yet');
      expect(frame).toContain('q stop');

      feed.push({ type: 'finding-added', finding });
      frame = await ui.waitFor((f) => f.includes('arp/vip-answered-by-non-director'));
      expect(frame).toContain('✗ error arp/vip-answered-by-non-director rs1 answered ARP for VIP 192.0.2.100');
      expect(frame).toMatch(/✗ 1 ▲ 0 ● 0/);

      feed.push({ type: 'source-ended', name: 'rs1', end: { kind: 'failed', reason: 'the command was killed by SIGKILL', stderr: 'tcpdump: listening\n\u001b[31mgone' }, at: finding.at });
      frame = await ui.waitFor((f) => f.includes('rs1 failed: the command was killed by SIGKILL'));
      expect(frame).toContain('stderr: \\e[31mgone');
      expect(frame).toMatch(/rs1 remote:rs1\s+failed after 300 pkts/);

      await ui.press('q');
      await vi.waitFor(() => expect(onStop).toHaveBeenCalledTimes(1));
      feed.push({ type: 'stopping', reason: 'q' });
      frame = await ui.waitFor((f) => f.includes('stopping (q)'));
      expect(frame).toContain('stopping the sources');
    } finally {
      ui.unmount();
    }
  });

  it('stops on Ctrl-C too, and reads no keys when told not to', async () => {
    const feed = createWatchFeed();
    const onStop = vi.fn();
    const ui = renderTui(<WatchApp feed={feed} columns={80} color={false} keys onStop={onStop} />);
    await ui.press(KEY.ctrlC);
    await vi.waitFor(() => expect(onStop).toHaveBeenCalledTimes(1));
    ui.unmount();
    const quiet = vi.fn();
    const noKeys = renderTui(<WatchApp feed={feed} columns={80} color={false} keys={false} onStop={quiet} />);
    await noKeys.press('q');
    await new Promise((r) => setTimeout(r, 50));
    expect(quiet).not.toHaveBeenCalled();
    noKeys.unmount();
  });
});
