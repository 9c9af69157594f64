// Turns the tracked sources' counters into the status the views show: packets, packets per
// second since the previous snapshot, drops when the stream reports them, and missing vantages.

import type { Role } from '../report/report-types.js';
import type { TrackedSource } from './tracked-source.js';
import { vantageGaps, type SourceStatus, type WatchStatus } from './watch-status.js';

export type AnalysisProgress = {
  readonly processed: number;
  readonly pending: number;
  /** Each source's role, once known (roles inferred at the warm-up, else the name's). */
  readonly roles: readonly (Role | undefined)[];
};

export function createStatusMeter(tracked: readonly TrackedSource[], now: () => number = Date.now): { snapshot(p: AnalysisProgress): WatchStatus } {
  const startedAt = now();
  let previous = { at: startedAt, packets: tracked.map(() => 0) };
  return {
    snapshot(progress) {
      const at = now();
      const seconds = Math.max(1, at - previous.at) / 1000;
      const packets = tracked.map((t) => t.reader.packets);
      const sources: SourceStatus[] = tracked.map((t, i) => {
        const stats = t.source.reader.stats;
        const drops = stats.reduce((n, s) => n + Number(s.ifDrop ?? 0n) + Number(s.osDrop ?? 0n), 0);
        return {
          name: t.source.name, label: t.source.label, kind: t.source.kind, state: t.state, packets: packets[i]!,
          rate: Math.max(0, (packets[i]! - previous.packets[i]!) / seconds),
          ...(stats.length > 0 ? { drops } : {}),
          ...(t.reason !== undefined ? { reason: t.reason } : {}),
        };
      });
      previous = { at, packets };
      return { elapsedMs: at - startedAt, sources, processed: progress.processed, pending: progress.pending, waitingFor: vantageGaps(progress.roles) };
    },
  };
}
