// Registry, check files, doc pages and tests stay in step (ESLint's checkRuleFiles idea).

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CHECK_CATEGORIES, docsPathOf } from '../../src/checks/check-meta.js';
import { CHECKS } from '../../src/checks/registry.js';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const HEADINGS = ['## What it checks', '## Why it matters', '## Evidence', '## How to fix', '## Known limitations', '## Example'];

function checkFiles(): string[] {
  const dir = join(root, 'src', 'checks');
  return CHECK_CATEGORIES.flatMap((cat) => {
    const d = join(dir, cat);
    if (!existsSync(d)) return [];
    return readdirSync(d).filter((f) => f.endsWith('.ts') && statSync(join(d, f)).isFile())
      .map((f) => `${cat}/${f.replace(/\.ts$/, '')}`);
  });
}

describe('check registry, files, docs and tests', () => {
  const ids = CHECKS.map((c) => c.meta.id);

  it('ids are unique, sorted and well-formed', () => {
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    for (const id of ids) expect(id).toMatch(/^[a-z]+\/[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('every check module in src/checks/<category>/ is registered (helpers excepted)', () => {
    const modules = checkFiles().filter((f) => readFileSync(join(root, 'src', 'checks', `${f}.ts`), 'utf8').includes('export default defineCheck('));
    expect(modules.sort()).toEqual([...ids].sort());
  });

  it.each(CHECKS.map((c) => [c.meta.id, c] as const))('%s: metadata, doc page and test', (id, check) => {
    const m = check.meta;
    expect(m.docs).toBe(docsPathOf(m.id));
    for (const text of [m.title, m.summary, m.why, m.fix]) expect(text.length).toBeGreaterThan(10);
    expect(Object.keys(m.messages).length).toBeGreaterThan(0);
    const doc = join(root, m.docs);
    expect(existsSync(doc), `${relative(root, doc)} exists`).toBe(true);
    const text = readFileSync(doc, 'utf8');
    expect(text).toMatch(new RegExp(`^---\\n[\\s\\S]*?\\bid: ${id.replace('/', '\\/')}\\n[\\s\\S]*?---\\n`));
    expect(text).toMatch(new RegExp(`default_severity: ${m.severity}`));
    let at = -1;
    for (const h of HEADINGS) {
      const i = text.indexOf(`\n${h}\n`);
      expect(i, `${m.docs} has "${h}" after the previous heading`).toBeGreaterThan(at);
      at = i;
    }
    expect(existsSync(join(root, 'test', 'checks', `${id}.test.ts`)), `test/checks/${id}.test.ts exists`).toBe(true);
  });
});
