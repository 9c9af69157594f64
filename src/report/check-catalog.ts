// The checks a report speaks about: every registered check (so SARIF rules and JUnit cases
// list what passed too), plus any check id found in the findings that the registry does not
// know (a report produced by another version).

import type { CheckMeta } from '../checks/check-meta.js';
import { CHECKS } from '../checks/registry.js';
import type { FindingJson, Severity } from './report-types.js';

export type CatalogEntry = {
  readonly id: string;
  readonly title?: string;
  readonly severity?: Severity;
  readonly summary?: string;
  readonly fix?: string;
  /** Repository-relative path of the doc page. */
  readonly docs: string;
  readonly registered: boolean;
};

export function checkCatalog(
  findings: readonly FindingJson[],
  metas: readonly CheckMeta[] = CHECKS.map((c) => c.meta),
): CatalogEntry[] {
  const entries: CatalogEntry[] = metas.map((m) => ({
    id: m.id, title: m.title, severity: m.severity, summary: m.summary, fix: m.fix, docs: m.docs, registered: true,
  }));
  const known = new Set(entries.map((e) => e.id));
  const extra = new Map<string, string>();
  for (const f of findings) if (!known.has(f.check) && !extra.has(f.check)) extra.set(f.check, f.docs);
  for (const [id, docs] of [...extra].sort(([a], [b]) => a.localeCompare(b))) entries.push({ id, docs, registered: false });
  return entries;
}
