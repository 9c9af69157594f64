// One `watch`: start the sources (local interfaces first, since those can refuse to start),
// tap every stream for --write, run the live analysis until a stop condition, then stop the
// sources, flush the files and hand back the result. Whatever prints listens to the events.

import { access, constants, mkdir } from 'node:fs/promises';
import type { AnyCheck, CaptureView } from '../checks/check-api.js';
import type { ConfiguredTopology } from '../correlate/infer-topology.js';
import type { AnalysisResult } from '../analyze/engine.js';
import type { CaptureInput } from '../analyze/capture-source.js';
import { watchCaptures } from '../analyze/live-engine.js';
import { isCookedLinkType } from './cap-binding.js';
import { captureFailureText } from './capture-failure.js';
import type { InterfaceSpec, InterfaceStart } from './interface-source.js';
import { liveFindingOf, type LiveFinding } from './live-finding.js';
import type { LiveSource, SourceEnd } from './live-source.js';
import type { ReadSpec } from './read-source.js';
import type { RemoteSpec } from './remote-source.js';
import { createStatusMeter } from './status-meter.js';
import { cookedWarning, trackSource } from './tracked-source.js';
import type { WatchOptions } from './watch-options.js';
import type { SourceStatus, WatchStatus } from './watch-status.js';

/** The sources and limits of the watch options (warmupMs absent: the live engine's default), resolved. */
export type WatchPlan = Pick<WatchOptions, 'interfaces' | 'remotes' | 'reads' | 'filter' | 'writeDir' | 'durationMs' | 'count' | 'warmupMs'> & {
  readonly config: ConfiguredTopology;
  readonly checks: readonly AnyCheck[];
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
const HALT_AFTER_MS = 500;

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

  const failures: string[] = [];
  const tracked = sources.map((src) => trackSource(src, plan.writeDir, {
    warning: (text) => listener.warning?.(text),
    failure: (line) => failures.push(line),
    ended: (name, end) => listener.sourceEnded?.(name, end),
  }));
  const settled = () => Promise.all(tracked.map((t) => t.settled));

  const controller = new AbortController();
  let stopReason = '';
  let halted: Promise<void> | undefined;
  // Seal first: what arrives while the sources stop is neither analysed nor saved.
  const halt = () => halted ??= (async () => {
    for (const t of tracked) t.reader.seal();
    await Promise.all(sources.map((s) => s.stop()));
  })();
  let haltTimer: NodeJS.Timeout | undefined;
  const stopWith = (reason: string) => {
    if (controller.signal.aborted) return;
    stopReason = reason;
    listener.stopping?.(reason);
    controller.abort();
    // The analysis returns within a tick, except during the warm-up, which waits for data:
    // ending the sources ends it.
    haltTimer = setTimeout(() => void halt(), HALT_AFTER_MS);
  };
  const onStop = () => stopWith(typeof stop.reason === 'string' ? stop.reason : 'stopped');
  if (stop.aborted) onStop();
  else stop.addEventListener('abort', onStop, { once: true });
  const durationTimer = plan.durationMs === undefined
    ? undefined
    : setTimeout(() => stopWith(`--duration ${plan.durationMs! / 1000}s reached`), plan.durationMs);

  const inputs: CaptureInput[] = tracked.map(({ source, reader }) => ({
    file: source.label, name: source.name, ...(source.roleHint ? { roleHint: source.roleHint } : {}), reader,
  }));
  const meter = createStatusMeter(tracked);
  let processed = 0;
  let pending = 0;
  let views: readonly CaptureView[] | undefined;
  const snapshot = () => meter.snapshot({ processed, pending, roles: sources.map((s, i) => views?.[i]?.role ?? s.roleHint) });
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
        await settled();
        stopWith('every source ended');
      }
    }
    stop.removeEventListener('abort', onStop);
    clearTimeout(durationTimer);
    clearTimeout(haltTimer);
    clearInterval(ticker);
    await halt();
    await settled();
    await Promise.all(tracked.map((t) => t.writer?.close()));
  }
  for (const { writer } of tracked) {
    if (!writer?.failure || failures.some((f) => f.startsWith(`--write ${writer.path}:`))) continue;
    const line = `--write ${writer.path}: ${writer.failure.message}`;
    failures.push(line);
    listener.warning?.(line);
  }
  views = result.captures;
  processed = result.frames;
  pending = 0;
  listener.status?.(snapshot());
  return { ok: true, result, failures, stopReason, files: tracked.flatMap((t) => (t.writer ? [t.writer.path] : [])) };
}
