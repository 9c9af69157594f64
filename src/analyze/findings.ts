// Aggregates check reports into findings: one per (check, key), counting occurrences and
// keeping the first evidence frames, so memory does not grow with the capture.

import type { AnyCheck, FindingDraft } from '../checks/check-api.js';

export const MAX_EVIDENCE = 12;

export type FindingAggregate = {
  readonly check: AnyCheck;
  readonly key: string;
  readonly first: FindingDraft<string>;
  occurrences: number;
  readonly evidence: FindingDraft<string>['evidence'][number][];
};

export type FindingSink = {
  add(check: AnyCheck, draft: FindingDraft<string>): void;
  readonly all: readonly FindingAggregate[];
};

function defaultKey(d: FindingDraft<string>): string {
  const h = d.hosts[0];
  return h ? `${h.ip ?? ''}|${h.mac ?? ''}` : '';
}

export function createFindingSink(onNew?: (f: FindingAggregate) => void): FindingSink {
  const byKey = new Map<string, FindingAggregate>();
  const all: FindingAggregate[] = [];
  return {
    add(check, draft) {
      const key = `${check.meta.id}#${draft.verdict ?? 'fail'}#${draft.key ?? defaultKey(draft)}`;
      let agg = byKey.get(key);
      let isNew = false;
      if (!agg) {
        agg = { check, key, first: draft, occurrences: 0, evidence: [] };
        byKey.set(key, agg);
        all.push(agg);
        isNew = true;
      }
      agg.occurrences++;
      for (const e of draft.evidence) {
        if (agg.evidence.length >= MAX_EVIDENCE) break;
        if (!agg.evidence.some((x) => x.capture === e.capture && x.frame.frame === e.frame.frame)) agg.evidence.push(e);
      }
      if (isNew) onNew?.(agg);
    },
    all,
  };
}

export function formatMessage(template: string, data: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => (name in data ? String(data[name]) : `{{${name}}}`));
}
