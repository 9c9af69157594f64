// The per-sighting pipeline shared by file analysis and live watching: correlation window,
// connection tracking, report observers and the checks, with the topology swappable while
// running (live mode re-infers it as the deployment reveals itself).

import type { AnyCheck, CaptureView, CheckContext, CheckHandlers } from '../checks/check-api.js';
import { createConnectionTracker } from '../correlate/connections.js';
import { createIdentityWindow } from '../correlate/identity-window.js';
import type { ConfiguredTopology } from '../correlate/infer-topology.js';
import type { Sighting } from '../correlate/sighting.js';
import type { TopologyView } from '../correlate/topology.js';
import { createFindingSink, type FindingAggregate } from './findings.js';
import { createObservers, type Observations } from './observations.js';
import { sightingHandlersBySlot, slotOf } from './sighting-dispatch.js';

// The window spans 10 s of capture time unless the entry cap cuts it shorter: ~0.5 s at 30,000
// distinct packets/s (a busy director), still far longer than a forwarded packet takes to reappear
// (microseconds at the director, milliseconds at the real server) plus what is left of the
// clock offsets after alignment. A closing connection waits 1 s for late sightings: other
// vantage points' copies come within milliseconds, and it covers a lost final ACK's FIN
// retransmissions (RTO ≥ 200 ms, then 400 ms). Both bound how long a busy director's packets
// stay alive, which is most of the analysis's memory.
const WINDOW_SECONDS = 10;
const WINDOW_ENTRIES = 16_384;
const CONNECTION_IDLE_SECONDS = 30;
const CONNECTION_CLOSING_SECONDS = 1;
const MAX_CONNECTIONS = 16_384;
const MAX_EXPLAINED = 200_000;

export type CoreOptions = {
  readonly checks: readonly AnyCheck[];
  readonly config: ConfiguredTopology;
  readonly captures: readonly CaptureView[];
  readonly offsets: readonly number[];
  /** Called when a finding first appears (live mode shows it at once). */
  readonly onNewFinding?: (f: FindingAggregate) => void;
};

export type AnalysisCore = {
  process(s: Sighting, earlierHook?: (s: Sighting, earlier: readonly Sighting[]) => void): void;
  setTopology(t: TopologyView): void;
  /** Flushes windows and runs the checks' end handlers. */
  finish(): void;
  readonly findings: readonly FindingAggregate[];
  observations(): Observations;
  readonly topology: TopologyView;
};

/** Checks that consult others' explanations run after them (registry order otherwise; a cycle keeps it). */
export function orderChecks(checks: readonly AnyCheck[]): AnyCheck[] {
  const ids = new Set<string>(checks.map((c) => c.meta.id));
  const done = new Set<string>();
  const ordered: AnyCheck[] = [];
  let rest = [...checks];
  while (rest.length > 0) {
    const ready = rest.filter((c) => (c.after ?? []).every((id: string) => done.has(id) || !ids.has(id)));
    const next = ready.length > 0 ? ready : rest;
    for (const c of next) { ordered.push(c); done.add(c.meta.id); }
    rest = rest.filter((c) => !next.includes(c));
  }
  return ordered;
}

export function createAnalysisCore(initial: TopologyView, options: CoreOptions): AnalysisCore {
  let topology = initial;
  const sink = createFindingSink(options.onNewFinding);
  const explained = new Set<string>();
  const ordered = orderChecks(options.checks);
  // A data property, not a getter: checks read it several times per frame. setTopology updates it.
  const contexts: { topology: TopologyView }[] = [];
  const handlers: CheckHandlers[] = ordered.map((check) => {
    const ctx: CheckContext<string> & { topology: TopologyView } = {
      topology,
      config: options.config,
      captures: options.captures,
      report: (draft) => sink.add(check, draft),
      explain: (key) => { if (explained.size < MAX_EXPLAINED) explained.add(key); },
      isExplained: (key) => explained.has(key),
    };
    contexts.push(ctx);
    return check.create(ctx);
  });
  let observers = createObservers(topology);
  const onSighting = sightingHandlersBySlot(handlers.map((h, i) => ({ handlers: h, kinds: ordered[i]!.sightingKinds })));
  const onExpired = handlers.filter((h) => h.packetExpired);
  const onConnection = handlers.filter((h) => h.connection);

  const aligned = (s: Sighting) => s.t + options.offsets[s.capture]!;
  const window = createIdentityWindow({
    spanSeconds: WINDOW_SECONDS, maxEntries: WINDOW_ENTRIES, maxPerPacket: 32,
    onExpire: (sightings) => { for (const h of onExpired) h.packetExpired!(sightings); },
  });
  const trackerOptions = {
    idleSeconds: CONNECTION_IDLE_SECONDS, closingSeconds: CONNECTION_CLOSING_SECONDS, maxConnections: MAX_CONNECTIONS, alignedTime: aligned,
    onDone: (c: Parameters<NonNullable<CheckHandlers['connection']>>[0]) => {
      observers.connection(c);
      for (const h of onConnection) h.connection!(c);
    },
  };
  // Reads the current topology per packet, so a topology change does not cut connections short.
  const tracker = createConnectionTracker(() => topology, trackerOptions);
  let nextExpiry = -Infinity;

  return {
    process(s, earlierHook) {
      const t = aligned(s);
      const earlier = window.add(s, t);
      earlierHook?.(s, earlier);
      tracker.observe(s, t);
      observers.sighting(s, earlier);
      const interested = onSighting[slotOf(s.frame)]!;
      for (let i = 0; i < interested.length; i++) interested[i]!.sighting!(s, earlier);
      if (t > nextExpiry) {
        window.expire(t);
        tracker.expire(t);
        nextExpiry = t + 1;
      }
    },
    setTopology(t) {
      if (t === topology) return;
      topology = t;
      for (const ctx of contexts) ctx.topology = t;
      const previous = observers;
      observers = createObservers(topology, previous.result());
    },
    finish() {
      window.drain();
      tracker.drain();
      for (const h of handlers) h.end?.();
    },
    get findings() { return sink.all; },
    observations: () => observers.result(),
    get topology() { return topology; },
  };
}
