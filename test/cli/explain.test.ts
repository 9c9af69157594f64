import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CheckMeta } from '../../src/checks/check-meta.js';
import { createExplainCommand, explainCommand } from '../../src/cli/commands/explain.js';
import { ExitCode } from '../../src/cli/exit-codes.js';
import { run } from '../../src/cli/main.js';
import { similarIds } from '../../src/cli/suggest.js';
import { fakeIo } from '../support/fake-io.js';

function meta(id: CheckMeta['id'], title = `Title of ${id}`): CheckMeta {
  return { id, title, severity: 'error', summary: `Fires for ${id}.`, why: 'Because.', fix: 'Fix it.', docs: `docs/checks/${id}.md` };
}

const CHECKS = [
  meta('arp/vip-answered-by-non-director'),
  meta('arp/vip-announced-by-non-director'),
  meta('service/refused-by-rs'),
  meta('return/via-director'),
];

function docsRoot(pages: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'lvsd-docs-'));
  for (const [id, text] of Object.entries(pages)) {
    const file = path.join(root, 'docs', 'checks', `${id}.md`);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  return root;
}

describe('lvs-doctor explain', () => {
  it('prints the doc page of a check', async () => {
    const root = docsRoot({ 'arp/vip-answered-by-non-director': '# arp/vip-answered-by-non-director\r\n\r\nA real server answered ARP.\n' });
    const io = fakeIo();
    const code = await createExplainCommand({ checks: CHECKS, root })(['arp/vip-answered-by-non-director'], io);
    expect(code).toBe(ExitCode.Ok);
    expect(io.stdout.text()).toBe('# arp/vip-answered-by-non-director\n\nA real server answered ARP.\n');
    expect(io.stderr.text()).toBe('');
  });

  it('escapes control sequences in the page', async () => {
    const root = docsRoot({ 'service/refused-by-rs': 'before\u001b]0;title\u0007after\u202e\tend\n' });
    const io = fakeIo();
    await createExplainCommand({ checks: CHECKS, root })(['service/refused-by-rs'], io);
    expect(io.stdout.text()).toBe('before\\e]0;title\\x07after\\u{202e}    end\n');
  });

  it('rejects an unknown id with exit 2 and lists similar ids', async () => {
    const io = fakeIo();
    const code = await createExplainCommand({ checks: CHECKS, root: docsRoot({}) })(['arp/vip-answerd-by-non-director'], io);
    expect(code).toBe(ExitCode.Error);
    expect(io.stdout.text()).toBe('');
    expect(io.stderr.text()).toBe("lvs-doctor: unknown check 'arp/vip-answerd-by-non-director'; did you mean: arp/vip-answered-by-non-director, arp/vip-announced-by-non-director?\n");
  });

  it('points at the list when nothing is close, and escapes what was typed', async () => {
    const io = fakeIo();
    const code = await createExplainCommand({ checks: CHECKS, root: docsRoot({}) })(['\u001b[2Jzzz'], io);
    expect(code).toBe(ExitCode.Error);
    expect(io.stderr.text()).toBe("lvs-doctor: unknown check '\\e[2Jzzz'; run `lvs-doctor checks` to list the check ids\n");
  });

  it('falls back to the check metadata when the page is missing', async () => {
    const io = fakeIo();
    const code = await createExplainCommand({ checks: CHECKS, root: docsRoot({}) })(['return/via-director'], io);
    expect(code).toBe(ExitCode.Ok);
    expect(io.stdout.text()).toContain('# return/via-director: Title of return/via-director');
    expect(io.stdout.text()).toContain('## Fix\n\nFix it.');
    expect(io.stderr.text()).toContain('docs/checks/return/via-director.md is missing');
  });

  it.each([[[]], [['a/b', 'c/d']], [['--bogus']]])('is a usage error with %j', async (argv) => {
    const io = fakeIo();
    expect(await explainCommand(argv, io)).toBe(ExitCode.Error);
    expect(io.stderr.text()).toContain('usage: lvs-doctor explain CHECK-ID');
  });

  it('is registered in the CLI and reads the packaged docs', async () => {
    const io = fakeIo();
    expect(await run(['explain', '--help'], io)).toBe(ExitCode.Ok);
    expect(io.stdout.text()).toContain('usage: lvs-doctor explain');
    const known = fakeIo();
    expect(await run(['explain', 'arp/vip-answered-by-non-director'], known)).toBe(ExitCode.Ok);
    expect(known.stdout.text()).toContain('arp/vip-answered-by-non-director');
    expect(known.stderr.text()).toBe('');
    const unknown = fakeIo();
    expect(await run(['explain', 'arp/no-such-check'], unknown)).toBe(ExitCode.Error);
    expect(unknown.stderr.text()).toMatch(/^lvs-doctor: unknown check 'arp\/no-such-check'/);
  });
});

describe('similarIds', () => {
  const ids = CHECKS.map((c) => c.id);
  it.each([
    ['arp/vip-answred-by-non-director', ['arp/vip-answered-by-non-director', 'arp/vip-announced-by-non-director']],
    ['refused-by-rs', ['service/refused-by-rs']],
    ['service/refused', ['service/refused-by-rs']],
    ['via-director', ['return/via-director']],
    ['xyz', []],
  ])('%s', (typed, expected) => {
    expect(similarIds(typed, ids)).toEqual(expected);
  });
});
