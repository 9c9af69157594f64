// A finding as `watch` shows it the moment it is confirmed: check, severity and the formatted
// message. Text is raw here; whoever prints it escapes it.

import { formatIp, formatMac } from '../decode/addresses.js';
import { formatMessage, type FindingAggregate } from '../analyze/findings.js';
import type { Severity, Verdict } from '../report/report-types.js';

export type LiveFinding = {
  readonly check: string;
  readonly severity: Severity;
  readonly verdict: Verdict;
  readonly message: string;
  /** IPs (or MACs) of the hosts involved. */
  readonly hosts: readonly string[];
  /** Wall-clock ms when it was confirmed. */
  readonly at: number;
};

export function liveFindingOf(a: FindingAggregate, at = Date.now()): LiveFinding {
  const d = a.first;
  const meta = a.check.meta;
  const hosts = d.hosts.flatMap((h) => (h.ip !== undefined ? [formatIp(h.ip)] : h.mac !== undefined ? [formatMac(h.mac)] : []));
  return {
    check: meta.id,
    severity: meta.severity,
    verdict: d.verdict ?? 'fail',
    message: formatMessage(meta.messages[d.messageId] ?? d.messageId, d.data),
    hosts,
    at,
  };
}
