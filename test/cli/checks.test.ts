import { describe, expect, it } from 'vitest';
import type { CheckMeta } from '../../src/checks/check-meta.js';
import { CHECKS } from '../../src/checks/registry.js';
import { createChecksCommand } from '../../src/cli/commands/checks.js';
import { ExitCode } from '../../src/cli/exit-codes.js';
import { run } from '../../src/cli/main.js';
import { fakeIo } from '../support/fake-io.js';

const METAS: CheckMeta[] = [
  { id: 'arp/vip-answered-by-non-director', title: 'A host other than the director answered ARP for a VIP', severity: 'error', summary: 's', why: 'w', fix: 'f', docs: 'docs/checks/arp/vip-answered-by-non-director.md' },
  { id: 'capture/clock-offset', title: 'Capture clocks disagree', severity: 'info', summary: 's2', why: 'w2', fix: 'f2', docs: 'docs/checks/capture/clock-offset.md' },
];

describe('lvs-doctor checks', () => {
  it('lists id, severity and title', async () => {
    const io = fakeIo();
    expect(await createChecksCommand(METAS)([], io)).toBe(ExitCode.Ok);
    expect(io.stdout.text()).toBe([
      'CHECK                             SEVERITY  TITLE',
      'arp/vip-answered-by-non-director  error     A host other than the director answered ARP for a VIP',
      'capture/clock-offset              info      Capture clocks disagree',
      '',
    ].join('\n'));
  });

  it('prints JSON with --format json', async () => {
    const io = fakeIo();
    expect(await createChecksCommand(METAS)(['--format', 'json'], io)).toBe(ExitCode.Ok);
    expect(JSON.parse(io.stdout.text())).toEqual(METAS);
  });

  it('rejects an unknown format', async () => {
    const io = fakeIo();
    expect(await createChecksCommand(METAS)(['--format', 'xml'], io)).toBe(ExitCode.Error);
    expect(io.stderr.text()).toContain("unknown format 'xml'");
  });

  it('lists every registered check through the CLI', async () => {
    const io = fakeIo();
    expect(await run(['checks', '--format', 'json'], io)).toBe(ExitCode.Ok);
    const listed = JSON.parse(io.stdout.text()) as { id: string }[];
    expect(listed.map((c) => c.id)).toEqual(CHECKS.map((c) => c.meta.id));
  });
});
