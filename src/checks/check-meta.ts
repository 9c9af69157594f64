// Check metadata is data: reporters (table, SARIF rules, JUnit cases, `explain`, `checks`)
// read it without running anything.

import type { Severity } from '../report/report-types.js';

export const CHECK_CATEGORIES = ['forward', 'return', 'arp', 'port', 'service', 'capture', 'sched', 'vrrp', 'nd'] as const;
export type CheckCategory = (typeof CHECK_CATEGORIES)[number];

export type CheckId = `${CheckCategory}/${string}`;

export type CheckMeta = {
  readonly id: CheckId;
  /** Short title, e.g. "A real server answered ARP for the VIP". */
  readonly title: string;
  readonly severity: Severity;
  /** One line: when the check fires. */
  readonly summary: string;
  /** Why it matters for DR (the invariant). */
  readonly why: string;
  /** Generic fix hint; findings may carry a more specific one. */
  readonly fix: string;
  /** Repository-relative path of the doc page. */
  readonly docs: string;
};

export function docsPathOf(id: CheckId): string {
  return `docs/checks/${id}.md`;
}
