// Given a report, when keys are pressed, then the screen shows... (ANSI stripped).

import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/tui/app.js';
import { KEY, renderTui, type TuiHandle } from '../support/render-tui.js';
import { emptyReport, hostileReport, manyFindingsReport, sampleReport, UNSAFE_OUTPUT } from '../support/sample-report.js';
import type { ReportJson } from '../../src/report/report-types.js';

let handle: TuiHandle | undefined;
afterEach(() => { handle?.unmount(); handle = undefined; });

async function open(report: ReportJson, size = { columns: 80, rows: 24 }): Promise<TuiHandle> {
  handle = renderTui(<App report={report} columns={size.columns} rows={size.rows} color={false} />, size);
  await handle.waitFor((f) => f.includes('j/k move'));
  return handle;
}

function lines(frame: string): string[] {
  return frame.split('\n');
}

describe('TUI at 80x24', () => {
  it('fits the terminal: at most 23 lines, none wider than 80', async () => {
    const t = await open(sampleReport);
    for (const keys of [[], [KEY.enter], [KEY.tab], [KEY.tab], [KEY.tab], ['?']]) {
      await t.press(...keys);
      const frame = t.frame();
      expect(lines(frame).length).toBeLessThanOrEqual(23);
      for (const line of lines(frame)) expect([...line].length).toBeLessThanOrEqual(80);
    }
  });

  it('shows the summary bar and the list grouped by severity and check, first error selected', async () => {
    const frame = (await open(sampleReport)).frame();
    expect(lines(frame)[0]).toBe('✗3 errors ▲1 warn ●1 info ?1 inconcl. │ 5 captures │ VIP 192.0.2.100 tcp/80');
    expect(frame).toContain('[Findings]');
    expect(frame).toContain('✗ Errors (3)');
    expect(frame).toContain('  arp/vip-answered-by-non-director (1)');
    expect(frame).toMatch(/› rs1 \(192\.0\.2\.11, 02:00:00:00:02:11\) answered ARP/);
    expect(frame).toContain('▲ Warnings (1)');
    expect(frame).toContain('? Inconclusive (1)');
    expect(frame).toContain('1/6');
  });

  it('shows the empty state', async () => {
    const frame = (await open(emptyReport)).frame();
    expect(frame).toContain('No findings: nothing wrong was seen in 5 captures (165 frames).');
    expect(frame).toContain('0/0');
  });

  it('reaches the offending ARP reply at every vantage point in one keystroke, its timeline in two', async () => {
    const t = await open(sampleReport);
    await t.press(KEY.enter);
    let frame = t.frame();
    expect(frame).toContain('[Detail]');
    expect(frame).toContain('✗ ERROR  arp/vip-answered-by-non-director');
    expect(frame).toContain('Evidence  4 of 6 occurrences');
    const router = frame.indexOf('router.pcap · router');
    const rs1 = frame.indexOf('rs1.pcap · rs1');
    expect(router).toBeGreaterThan(0);
    expect(rs1).toBeGreaterThan(router);
    expect(frame.slice(router, rs1)).toContain('#5 16:00:05.003788960 192.0.2.100 is-at 02:00:00:00:02:11');
    expect(frame.slice(rs1)).toContain('#3 16:00:05.003779412 192.0.2.100 is-at 02:00:00:00:02:11');
    await t.press(KEY.tab);
    frame = t.frame();
    expect(frame).toContain('[Journey]');
    expect(frame).toContain('Evidence on a common clock');
    expect(frame).toMatch(/^router +●·+●$/m);
    expect(frame).toMatch(/4 ● router router\.pcap#5 +\+0\.669 ms +192\.0\.2\.100 is-at 02:00:00:00:02:11/);
  });

  it('reaches the RST in three keystrokes and shows the journey in swimlanes', async () => {
    const t = await open(sampleReport);
    await t.press('j', 'j', KEY.enter);
    let frame = t.frame();
    expect(frame).toContain('service/refused-by-rs');
    expect(frame).toContain('#6 16:00:07.152635771 192.0.2.100:80 > 198.51.100.10:40002 TCP [R.] ack 1');
    expect(frame).toContain('#15 16:00:07.402410551 192.0.2.100:80 > 198.51.100.10:40002 TCP [R.] ack 1');
    await t.press(KEY.tab);
    frame = t.frame();
    expect(frame).toContain('198.51.100.10:40002 > 192.0.2.100:80/tcp  6 hops, 0 missing');
    for (const lane of ['client', 'director in', 'director out', 'rs2', 'rs2 reply']) expect(frame).toMatch(new RegExp(`^${lane} +[·●]+$`, 'm'));
    expect(frame).toContain('5 ● rs2 reply    rs2.pcap#6');
  });

  it('marks a packet missing at a vantage point with ✗', async () => {
    const t = await open(sampleReport);
    await t.press('j', 'j', 'j', KEY.enter, KEY.tab);
    const frame = t.frame();
    expect(frame).toContain('6 hops, 1 missing');
    expect(frame).toMatch(/^director in +·+✗·+$/m);
    expect(frame).toMatch(/3 ✗ director in +not seen +SYN not seen on director\.pcap/);
  });

  it('shows the ARP ownership timeline per VIP', async () => {
    const t = await open(sampleReport);
    await t.press(KEY.tab, KEY.tab, KEY.tab);
    const frame = t.frame();
    expect(frame).toContain('[ARP]');
    expect(frame).toContain('VIP 192.0.2.100  2 MACs, owner changed 4 times, 1 not a director');
    expect(frame).toMatch(/^ {2}02:00:00:00:02:02 director +A·+R·+R·T$/m);
    expect(frame).toMatch(/^✗ 02:00:00:00:02:11 rs1 +·+A·+T·+R·+$/m);
    expect(frame).toMatch(/\+4\.492 s +router\.pcap#5 +02:00:00:00:02:11 rs1 +reply/);
  });

  it('shows new connections per real server against the weights', async () => {
    const t = await open(sampleReport);
    await t.press(KEY.shiftTab, KEY.shiftTab);
    const frame = t.frame();
    expect(frame).toContain('[Distribution]');
    expect(frame).toContain('192.0.2.100 tcp/80  wrr, 13 new connections');
    expect(frame).toMatch(/rs1 192\.0\.2\.11 w 1 +seen +9 +69% █+/);
    expect(frame).toMatch(/expected +4\.3 +33% █+/);
    expect(frame).toMatch(/rs2 192\.0\.2\.12 w 2 +seen +4 +31% █+/);
  });

  it('shows the captures and the inferred topology, last of the views', async () => {
    const t = await open(sampleReport);
    await t.press(KEY.shiftTab);
    const frame = t.frame();
    expect(frame).toContain('[Topology]');
    expect(frame).toMatch(/^Captures/m);
    expect(frame).toMatch(/^ {2}host +client \(client\), 24 frames, clock \+0\.001200 s/m);
  });

  it('filters with /, applies on Enter, cancels with Esc', async () => {
    const t = await open(sampleReport);
    await t.press('/', 'r', 's', '2');
    expect(t.frame()).toContain('/rs2▏  3 of 6 match · Enter apply · Esc cancel');
    await t.press(KEY.enter);
    let frame = t.frame();
    expect(frame).toContain('filter "rs2" (3 of 6)');
    expect(frame).not.toContain('arp/vip-answered-by-non-director');
    expect(frame).toContain('service/refused-by-rs');
    await t.press('/', 'x', KEY.escape);
    expect(t.frame()).toContain('filter "rs2" (3 of 6)');
    await t.press('/', KEY.backspace, KEY.backspace, KEY.backspace, 'z', 'z', KEY.enter);
    frame = t.frame();
    expect(frame).toContain('No finding matches the filter.');
  });

  it('opens and closes the help overlay', async () => {
    const t = await open(sampleReport);
    await t.press('?');
    expect(t.frame()).toContain('Keys');
    expect(t.frame()).toContain('q, Ctrl-C');
    await t.press('x');
    expect(t.frame()).not.toContain('q, Ctrl-C');
    expect(t.frame()).toContain('✗ Errors (3)');
  });

  it('quits on q', async () => {
    const t = await open(sampleReport);
    const exited = t.exited();
    await t.press('q');
    await expect(exited).resolves.toBeUndefined();
  });
});

describe('TUI with 200 findings', () => {
  it('renders only the visible rows and follows the selection', async () => {
    const t = await open(manyFindingsReport(200));
    let frame = t.frame();
    expect(lines(frame).length).toBeLessThanOrEqual(23);
    expect(frame.match(/Finding #/g)?.length).toBeLessThanOrEqual(20);
    expect(frame).toContain('1/200');
    await t.press('G');
    frame = t.frame();
    expect(frame).toContain('200/200');
    expect(frame).toContain('? Inconclusive');
    expect(frame).not.toContain('✗ Errors');
    await t.press(KEY.pageUp);
    expect(t.frame()).toMatch(/18[0-9]\/200/);
    await t.press('g');
    expect(t.frame()).toContain('✗ Errors (');
  });
});

describe('TUI on a wide terminal', () => {
  it('shows the list and the selected finding side by side', async () => {
    const t = await open(sampleReport, { columns: 140, rows: 30 });
    const frame = t.frame();
    expect(frame).toMatch(/^✗ Errors \(3\) +│✗ ERROR {2}arp\/vip-answered-by-non-director/m);
    expect(frame).toMatch(/› rs1 .*│the router sends VIP traffic/);
    expect(lines(frame)[0]).toContain('lvs-doctor │ ✗ 3 errors');
    for (const line of lines(frame)) expect([...line].length).toBeLessThanOrEqual(140);
  });
});

describe('hostile capture strings', () => {
  it('are shown escaped in every view', async () => {
    const t = await open(hostileReport, { columns: 140, rows: 40 });
    const frames = [t.rawFrame()];
    // Detail, then journey, ARP, distribution and topology.
    for (const key of [KEY.enter, KEY.tab, KEY.tab, KEY.tab, KEY.tab]) {
      await t.press(key);
      frames.push(t.rawFrame());
    }
    for (const raw of frames) {
      // Ink's own styling uses CSI SGR; anything else raw would come from the data.
      const withoutSgr = raw.replace(/\u001b\[[0-9;]*m/g, '');
      expect(withoutSgr).not.toMatch(UNSAFE_OUTPUT);
    }
    expect(frames.join('\n')).toContain('\\e[31m');
  });
});
