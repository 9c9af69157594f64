// A started source as the watch keeps it: its reader tapped (to save batches with --write and
// to notice the end of the stream), its file writer, and how it ended if it ended by itself.

import { linkTypeName } from '../report/link-type-name.js';
import { isCookedLinkType } from './cap-binding.js';
import type { LiveSource, SourceEnd } from './live-source.js';
import { createSourceWriter, type SourceWriter } from './source-writer.js';
import { tapReader, type TappedReader } from './tapped-reader.js';
import type { SourceState } from './watch-status.js';

export type TrackedSource = {
  readonly source: LiveSource;
  readonly reader: TappedReader;
  readonly writer: SourceWriter | undefined;
  readonly state: SourceState;
  readonly reason: string | undefined;
  /** Resolves once an end by itself has been described and reported; undefined while running. */
  readonly settled: Promise<void> | undefined;
};

export type TrackingEvents = {
  readonly warning: (text: string) => void;
  /** A problem that makes the watch fail (exit code 2), already worded as one line. */
  readonly failure: (line: string) => void;
  readonly ended: (name: string, end: SourceEnd) => void;
};

export function cookedWarning(name: string, linkType: number): string {
  return `${name}: ${linkTypeName(linkType)} is a cooked capture (as from \`any\`): it carries no destination MAC, so checks that compare MACs are limited; capture on the Ethernet interface instead`;
}

export function trackSource(source: LiveSource, writeDir: string | undefined, events: TrackingEvents): TrackedSource {
  const writer = writeDir === undefined ? undefined : createSourceWriter(writeDir, source.name);
  let state: SourceState = 'live';
  let reason: string | undefined;
  let settled: Promise<void> | undefined;
  let first = true;
  let writeReported = false;
  const reader = tapReader(source.reader, {
    onBatch: async (batch) => {
      const p = batch[0];
      if (first && p) {
        first = false;
        // Interfaces were checked when they opened; streams show their link type only now.
        if (source.kind !== 'interface' && isCookedLinkType(p.linkType)) events.warning(cookedWarning(source.name, p.linkType));
      }
      if (!writer) return;
      await writer.write(batch, source.reader.interfaces);
      if (writer.failure && !writeReported) {
        writeReported = true;
        const line = `--write ${writer.path}: ${writer.failure.message}; packets of ${source.name} are no longer saved`;
        events.failure(line);
        events.warning(line);
      }
    },
    onEnd: () => {
      settled = source.settle().then((end) => {
        state = end.kind;
        reason = end.reason;
        if (end.kind === 'failed') events.failure(`${source.name}: ${end.reason}${end.stderr ? `: ${end.stderr}` : ''}`);
        events.ended(source.name, end);
      });
    },
  });
  return {
    source, reader, writer,
    get state() { return state; },
    get reason() { return reason; },
    get settled() { return settled; },
  };
}
