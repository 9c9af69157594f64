// The TUI in a real terminal: tmux at 80x24 runs the program, keys are sent as a person types
// them, and the screen is read back. The sample-report program stands in for `analyze` with a
// known story (ARP flux); the same walk against `lvs-doctor analyze` on a fixture runs from the
// built CLI when dist/ exists.

import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { compileForNode } from '../support/compile-for-node.js';
import { requireFile } from '../support/external-tools.js';
import { startTmux, tmuxRequirement, type TmuxSession } from '../support/tmux.js';

const ROOT = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
// Ink renders only the final frame when it thinks it runs in CI.
const ENV = { CI: undefined, TERM: 'xterm-256color', NO_COLOR: '1' };

let session: TmuxSession | undefined;
afterEach(() => { session?.kill(); session = undefined; });

describe.skipIf(tmuxRequirement.skip)(`TUI in tmux ${tmuxRequirement.label}`, () => {
  let demo = '';
  beforeAll(() => { demo = compileForNode('test/support/tui-demo.ts'); }, 120_000);

  it('goes from the summary to the offending ARP reply at every vantage point, then quits', async () => {
    session = startTmux(['node', demo], { env: ENV, cwd: ROOT });
    const s = session;
    let screen = await s.waitFor((t) => t.includes('j/k move'));
    expect(screen).toContain('✗3 errors ▲1 warn ●1 info ?1 inconcl. │ 5 captures │ VIP 192.0.2.100 tcp/80');
    expect(screen).toMatch(/› rs1 \(192\.0\.2\.11, 02:00:00:00:02:11\) answered ARP/);

    s.send('Enter');
    screen = await s.waitFor((t) => t.includes('[Detail]'));
    expect(screen).toContain('router.pcap · router');
    expect(screen).toContain('#5 16:00:05.003788960 192.0.2.100 is-at 02:00:00:00:02:11');
    expect(screen).toContain('rs1.pcap · rs1');
    expect(screen).toContain('#3 16:00:05.003779412 192.0.2.100 is-at 02:00:00:00:02:11');

    s.send('Tab');
    screen = await s.waitFor((t) => t.includes('[Journey]'));
    expect(screen).toMatch(/^router +●·+●/m);
    expect(screen).toMatch(/^rs1 +·●·+●·/m);

    s.send('Escape', 'j', 'j', 'Enter', 'Tab');
    screen = await s.waitFor((t) => t.includes('rs2 reply'));
    expect(screen).toContain('198.51.100.10:40002 > 192.0.2.100:80/tcp  6 hops, 0 missing');

    s.send('?');
    await s.waitFor((t) => t.includes('q, Ctrl-C'));
    s.send('x', 'Escape', '/');
    s.type('rs2');
    s.send('Enter');
    await s.waitFor((t) => t.includes('filter "rs2" (3 of 6)'));

    s.send('q');
    screen = await s.waitFor((t) => t.includes('[exit 0]'));
    expect(screen).toContain('tui-demo: quit');
    // The alternate screen is gone: nothing of the TUI is left behind.
    expect(screen).not.toContain('j/k move');
  });

  it('quits on Ctrl-C', async () => {
    session = startTmux(['node', demo], { env: ENV, cwd: ROOT });
    await session.waitFor((t) => t.includes('j/k move'));
    session.send('C-c');
    await session.waitFor((t) => t.includes('[exit 0]'));
  });

  const bin = path.join(ROOT, 'dist/cli/bin.js');
  const built = requireFile(bin);
  it.skipIf(built.skip)(`runs from \`lvs-doctor analyze\` on a fixture ${built.label}`, async () => {
    const fixture = path.join(ROOT, 'fixtures/healthy-wrr');
    const captures = ['client.pcap', 'router.pcap', 'director.pcap', 'rs1.pcap', 'rs2.pcap'].map((f) => path.join(fixture, f));
    expect(captures.every(existsSync)).toBe(true);
    session = startTmux(['node', bin, 'analyze', '--format', 'tui', '--quiet', ...captures], { env: ENV, cwd: ROOT });
    const screen = await session.waitFor((t) => t.includes('j/k move'), 30_000);
    expect(screen).toContain('5 captures');
    expect(screen).toContain('[Findings]');
    session.send('q');
    await session.waitFor((t) => /\[exit [01]\]/.test(t));
  });
});
