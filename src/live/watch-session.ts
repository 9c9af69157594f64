// One `watch`: start the sources (local interfaces first, since those can refuse to start),
// tap every stream for --write, run the live analysis until a stop condition, then stop the
// sources, flush the files and hand back the result. Whatever prints listens to the events.

import { access, constants, mkdir } from 'node:fs/promises';
import type { AnyCheck, CaptureView } from '../checks/check-api.js';
import type { ConfiguredTopology } from '../correlate/infer-topology.js';
import type { AnalysisResult } from '../analyze/engine.js';
import type { CaptureInput } from '../analyze/capture-source.js';
import { watchCaptures } from '../analyze/live-engine.js';
import { linkTypeName } from '../report/link-type-name.js';
import { isCookedLinkType } from './cap-binding.js';
import { captureFailureText } from './capture-failure.js';
import type { InterfaceSpec, InterfaceStart } from './interface-source.js';
import { liveFindingOf, type LiveFinding } from './live-finding.js';
import type { LiveSource, SourceEnd } from './live-source.js';
import type { ReadSpec } from './read-source.js';
import type { RemoteSpec } from './remote-source.js';
import { createSourceWriter, type SourceWriter } from './source-writer.js';
import { tapReader, type TappedReader } from './tapped-reader.js';
import { vantageGaps, type SourceState, type SourceStatus, type WatchStatus } from './watch-status.js';

export type WatchPlan = {
  readonly interfaces: readonly InterfaceSpec[];
  readonly remotes: readonly RemoteSpec[];
  readonly reads: readonly ReadSpec[];
  readonly filter: string;
  readonly writeDir?: string;
  readonly durationMs?: number;
  readonly count?: number;
  readonly config: ConfiguredTopology;
  readonly checks: readonly AnyCheck[];
  /** Time spent learning the topology before checks run (default: the live engine's). */
  readonly warmupMs?: number;
  readonly statusMs?: number;
};

export type WatchListener = {
  readonly started?: (sources: readonly SourceStatus[]) => void;
  readonly warning?: (text: string) => void;
  readonly finding?: (f: LiveFinding) => void;
  readonly status?: (s: WatchStatus) => void;
  readonly sourceEnded?: (name: string, end: SourceEnd) => void;
  readonly stopping?: (reason: string) => void;
};

export type SourceStarters = {
  readonly startInterface: (spec: InterfaceSpec) => Promise<InterfaceStart>;
  readonly startRemote: (spec: RemoteSpec) => LiveSource;
  readonly startRead: (spec: ReadSpec) => LiveSource;
};

export type WatchOutcome =
  | { readonly ok: false; readonly errors: readonly string[] }
  | {
    readonly ok: true;
    readonly result: AnalysisResult;
    /** Sources that failed and files that could not be written, one line each. */
    readonly failures: readonly string[];
    readonly stopReason: string;
    readonly files: readonly string[];
  };

const STATUS_MS = 1000;

function cookedWarning(name: string, linkType: number): string {
  return `${name}: ${linkTypeName(linkType)} is a cooked capture (as from \`any\`): it carries no destination MAC, so checks that compare MACs are limited; capture on the Ethernet interface instead`;
}

async function startAll(plan: WatchPlan, starters: SourceStarters): Promise<{ sources: LiveSource[]; errors: string[]; warnings: string[] }> {
  const starts = await Promise.all(plan.interfaces.map((spec) => starters.startInterface(spec)));
  const sources: LiveSource[] = [];
  const errors: string[] = [];
  const warnings: string[] = [];
  starts.forEach((s, i) => {
    const spec = plan.interfaces[i]!;
    if (!s.ok) {
      const line = captureFailureText(spec.iface, s.failure, plan.filter);
      // One line for the binding, however many interfaces were asked for.
      if (!errors.includes(line)) errors.push(line);
      return;
    }
    sources.push(s.source);
    if (isCookedLinkType(s.linkType)) warnings.push(cookedWarning(spec.name, s.linkType));
  });
  if (errors.length > 0) {
    await Promise.all(sources.map((s) => s.stop()));
    return { sources: [], errors, warnings };
  }
  for (const spec of plan.remotes) sources.push(starters.startRemote(spec));
  for (const spec of plan.reads) sources.push(starters.startRead(spec));
  return { sources, errors, warnings };
}

async function prepareDir(dir: string): Promise<string | undefined> {
  try {
    await mkdir(dir, { recursive: true });
    await access(dir, constants.W_OK);
    return undefined;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    return `--write ${dir}: cannot write there (${code})`;
  }
}

export async function runWatch(plan: WatchPlan, starters: SourceStarters, listener: WatchListener, stop: AbortSignal): Promise<WatchOutcome> {
  if (plan.writeDir !== undefined) {
    const problem = await prepareDir(plan.writeDir);
    if (problem) return { ok: false, errors: [problem] };
  }
  const { sources, errors, warnings } = await startAll(plan, starters);
  if (errors.length > 0) return { ok: false, errors };
  for (const w of warnings) listener.warning?.(w);

  const controller = new AbortController();
  let stopReason = '';
  const stopWith = (reason: string) => {
    if (controller.signal.aborted) return;
    stopReason = reason;
    listener.stopping?.(reason);
    controller.abort();
  };
  const onStop = () => stopWith(typeof stop.reason === 'string' ? stop.reason : 'stopped');
  if (stop.aborted) onStop();
  else stop.addEventListener('abort', onStop, { once: true });
  const durationTimer = plan.durationMs === undefined
    ? undefined
    : setTimeout(() => stopWith(`--duration ${plan.durationMs! / 1000}s reached`), plan.durationMs);

  const failures: string[] = [];
  const states: SourceState[] = sources.map(() => 'live');
  const reasons: (string | undefined)[] = sources.map(() => undefined);
  const settling: Promise<void>[] = [];
  const writers: (SourceWriter | undefined)[] = sources.map((s) => (plan.writeDir === undefined ? undefined : createSourceWriter(plan.writeDir, s.name)));
  const taps: TappedReader[] = sources.map((src, i) => {
    let first = true;
    let writeReported = false;
    return tapReader(src.reader, {
      onBatch: async (batch) => {
        const p = batch[0];
        if (first && p) {
          first = false;
          if (src.kind !== 'interface' && isCookedLinkType(p.linkType)) listener.warning?.(cookedWarning(src.name, p.linkType));
        }
        const writer = writers[i];
        if (!writer) return;
        await writer.write(batch, src.reader.interfaces);
        if (writer.failure && !writeReported) {
          writeReported = true;
          const line = `--write ${writer.path}: ${writer.failure.message}; packets of ${src.name} are no longer saved`;
          failures.push(line);
          listener.warning?.(line);
        }
      },
      onEnd: () => {
        settling.push(src.settle().then((end) => {
          states[i] = end.kind;
          reasons[i] = end.reason;
          if (end.kind === 'failed') failures.push(`${src.name}: ${end.reason}${end.stderr ? `: ${end.stderr}` : ''}`);
          listener.sourceEnded?.(src.name, end);
        }));
      },
    });
  });
  const inputs: CaptureInput[] = sources.map((src, i) => ({
    file: src.label, name: src.name, ...(src.roleHint ? { roleHint: src.roleHint } : {}), reader: taps[i]!,
  }));

  const startedAt = Date.now();
  let processed = 0;
  let pending = 0;
  let views: readonly CaptureView[] | undefined;
  let previous = { at: startedAt, packets: sources.map(() => 0) };
  const snapshot = (): WatchStatus => {
    const now = Date.now();
    const dt = Math.max(1, now - previous.at) / 1000;
    const packets = taps.map((t) => t.packets);
    const status: SourceStatus[] = sources.map((src, i) => {
      const drops = src.reader.stats.reduce((n, s) => n + Number(s.ifDrop ?? 0n) + Number(s.osDrop ?? 0n), 0);
      const reason = reasons[i];
      return {
        name: src.name, label: src.label, kind: src.kind, state: states[i]!, packets: packets[i]!,
        rate: Math.max(0, (packets[i]! - previous.packets[i]!) / dt),
        ...(src.reader.stats.length > 0 ? { drops } : {}),
        ...(reason !== undefined ? { reason } : {}),
      };
    });
    previous = { at: now, packets };
    const roles = sources.map((s, i) => views?.[i]?.role ?? s.roleHint);
    return { elapsedMs: now - startedAt, sources: status, processed, pending, waitingFor: vantageGaps(roles) };
  };
  listener.started?.(snapshot().sources);
  const ticker = setInterval(() => listener.status?.(snapshot()), plan.statusMs ?? STATUS_MS);

  let result: AnalysisResult | undefined;
  try {
    result = await watchCaptures(inputs, {
      config: plan.config, checks: plan.checks, signal: controller.signal,
      ...(plan.count !== undefined ? { count: plan.count } : {}),
      ...(plan.warmupMs !== undefined ? { warmupMs: plan.warmupMs } : {}),
      onFinding: (f, captures) => { views = captures; listener.finding?.(liveFindingOf(f)); },
      onStatus: (s) => { processed = s.processed; pending = s.pending; },
    });
  } finally {
    if (!controller.signal.aborted) {
      if (plan.count !== undefined && (result?.frames ?? processed) >= plan.count) stopWith(`--count ${plan.count} reached`);
      else {
        // Say how each source ended before saying the watch stops.
        await Promise.all(settling);
        stopWith('every source ended');
      }
    }
    stop.removeEventListener('abort', onStop);
    clearTimeout(durationTimer);
    clearInterval(ticker);
    // Seal first: what arrives while the sources stop is neither analysed nor saved.
    for (const t of taps) t.seal();
    await Promise.all(sources.map((s) => s.stop()));
    await Promise.all(settling);
    await Promise.all(writers.map((w) => w?.close()));
  }
  for (const w of writers) {
    if (!w?.failure || failures.some((f) => f.startsWith(`--write ${w.path}:`))) continue;
    const line = `--write ${w.path}: ${w.failure.message}`;
    failures.push(line);
    listener.warning?.(line);
  }
  views = result.captures;
  processed = result.frames;
  pending = 0;
  listener.status?.(snapshot());
  return { ok: true, result, failures, stopReason, files: writers.flatMap((w) => (w ? [w.path] : [])) };
}
