// `lvs-doctor watch IFACE... [--remote NAME='COMMAND']... [--read NAME=FILE|-]...`: the same
// checks as analyze, live, over local interfaces, remote capture commands and running streams.
// Findings appear as they are confirmed; on stop (--duration, --count, Ctrl-C, SIGTERM, q) the
// sources are stopped, the --write files flushed, and the report printed as analyze prints it.

import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildReport } from '../../analyze/build-report.js';
import { loadConfiguredTopology } from '../../analyze/load-configuration.js';
import { CHECKS } from '../../checks/registry.js';
import { startInterfaceSource } from '../../live/interface-source.js';
import { plainProgress } from '../../live/plain-progress.js';
import { STDIN_PATH, startReadSource } from '../../live/read-source.js';
import { startRemoteSource } from '../../live/remote-source.js';
import { parseWatchArgs, type WatchOptions } from '../../live/watch-options.js';
import { reanalyzeCommand } from '../../live/reanalyze-hint.js';
import { runWatch, type SourceStarters, type WatchListener } from '../../live/watch-session.js';
import { escapeForTerminal } from '../../report/escape.js';
import { writeReport } from '../../report/write-report.js';
import type { WatchView } from '../../tui/watch/run-watch-view.js';
import type { CliIo } from '../cli-io.js';
import { ExitCode } from '../exit-codes.js';
import { usageError } from '../usage.js';
import { exitCodeFor } from './analyze.js';

export const WATCH_USAGE = `usage: lvs-doctor watch [IFACE...] [options]
  IFACE                                 capture on this local interface (needs root or CAP_NET_RAW)
  --filter BPF                          capture filter for the local interfaces
  --remote NAME='COMMAND'               run COMMAND with /bin/sh; its stdout is a pcap/pcapng stream from host NAME
                                        e.g. --remote rs1='ssh rs1 sudo tcpdump -U -w - -i eth0 "not port 22"'
  --read NAME=FILE|-                    read a running capture stream from a FIFO, a file or stdin
  --role NAME=IFACE                     name the host a local interface is on (director, rs1, client, ...)
  --write DIR                           save every packet of every source to DIR/NAME.pcapng while watching
  --duration S                          stop after S seconds
  --count N                             stop after N frames
  --warmup S                            learn the topology for S seconds before checking (default: 3)
  --format table|json|sarif|junit       final report on stdout (default: live view on a terminal, table otherwise)
  --fail-on error|warning|info|never    exit 1 when a finding is at or above this (default: error)
  --ipvsadm FILE                        ipvsadm -S -n / ipvsadm -Ln output of the director
  --keepalived FILE                     keepalived.conf (virtual_server, vrrp_instance)
  --topology FILE                       topology JSON (schema/topology.schema.json)
  --vip IP                              the address clients connect to, when no configuration is given
  --quiet                               no progress on stderr
stops on --duration, --count, Ctrl-C, SIGTERM or q; exit codes as analyze`;

type SignalName = 'SIGINT' | 'SIGTERM';

export type SignalHub = {
  on(signal: SignalName, handler: () => void): void;
  off(signal: SignalName, handler: () => void): void;
};

export type WatchDeps = {
  readonly starters?: (io: CliIo) => SourceStarters;
  readonly signals?: SignalHub;
};

const processSignals: SignalHub = {
  on: (signal, handler) => { process.on(signal, handler); },
  off: (signal, handler) => { process.off(signal, handler); },
};

function defaultStarters(io: CliIo): SourceStarters {
  return {
    startInterface: (spec) => startInterfaceSource(spec),
    startRemote: (spec) => startRemoteSource(spec, { cwd: io.cwd }),
    startRead: (spec) => startReadSource(spec.path === STDIN_PATH ? spec : { ...spec, path: resolve(io.cwd, spec.path) }, io.stdin),
  };
}

function interactive(io: CliIo, options: WatchOptions): boolean {
  const ci = io.env['CI'];
  return options.format === undefined && io.stdout.isTTY && (ci === undefined || ci === '' || ci === 'false' || ci === '0');
}

function missingReads(options: WatchOptions, cwd: string): string[] {
  return options.reads.flatMap((r) => {
    if (r.path === STDIN_PATH) return [];
    try {
      statSync(resolve(cwd, r.path));
      return [];
    } catch (err) {
      return [`--read ${r.name}=${r.path}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or FIFO' : 'cannot open it'}`];
    }
  });
}

/**
 * While the live view owns the terminal, warnings and failed sources go to its log; they are
 * also kept here and printed on stderr once the view is gone.
 */
function deferStderrReports(view: WatchListener): { listener: WatchListener; replay(io: CliIo): void } {
  const later: ((l: WatchListener) => void)[] = [];
  return {
    listener: {
      ...view,
      warning: (text) => { view.warning?.(text); later.push((l) => l.warning?.(text)); },
      sourceEnded: (name, end) => {
        view.sourceEnded?.(name, end);
        if (end.kind === 'failed') later.push((l) => l.sourceEnded?.(name, end));
      },
    },
    replay(io) {
      const plain = plainProgress(io.stderr, { quiet: true });
      for (const report of later) report(plain);
    },
  };
}

export function createWatchCommand(deps: WatchDeps = {}) {
  return async function watchCommand(argv: readonly string[], io: CliIo): Promise<ExitCode> {
    const parsed = parseWatchArgs(argv);
    if (!parsed.ok) return usageError(io, parsed.message, WATCH_USAGE);
    if (parsed.help) { io.stdout.write(`${WATCH_USAGE}\n`); return ExitCode.Ok; }
    const options = parsed.options;
    const missing = missingReads(options, io.cwd);
    for (const line of missing) io.stderr.write(`lvs-doctor: ${escapeForTerminal(line)}\n`);
    if (missing.length > 0) return ExitCode.Error;
    // A remote or stream NAME is what --role NAME is to analyze: the host label and, by its prefix, the role.
    const named = [...options.remotes.map((r) => ({ ...r, label: `remote:${r.name}` })), ...options.reads.map((r) => ({ ...r, label: r.path }))];
    const roles = [...options.roles, ...named.flatMap((s) => (s.roleHint ? [`${s.name}=${s.label}`] : []))];
    const config = await loadConfiguredTopology({ ...options, roles }, io.cwd);
    if (!config.ok) {
      for (const e of config.errors) io.stderr.write(`lvs-doctor: ${escapeForTerminal(e)}\n`);
      return ExitCode.Error;
    }
    for (const note of config.notes) io.stderr.write(`lvs-doctor: note: ${escapeForTerminal(note)}\n`);

    const stop = new AbortController();
    const signals = deps.signals ?? processSignals;
    const onSigint = () => stop.abort('SIGINT');
    const onSigterm = () => stop.abort('SIGTERM');
    let view: WatchView | undefined;
    let deferred: ReturnType<typeof deferStderrReports> | undefined;
    let listener: WatchListener;
    if (interactive(io, options)) {
      const { startWatchView } = await import('../../tui/watch/run-watch-view.js');
      view = startWatchView(io, { onStop: () => stop.abort('q'), stdinIsCapture: options.reads.some((r) => r.path === STDIN_PATH) });
      deferred = deferStderrReports(view.listener);
      listener = deferred.listener;
    } else {
      listener = plainProgress(io.stderr, { quiet: options.quiet });
    }
    // Handlers only while watching: before and after, the signals do what they normally do.
    signals.on('SIGINT', onSigint);
    signals.on('SIGTERM', onSigterm);
    let outcome;
    try {
      outcome = await runWatch({
        interfaces: options.interfaces, remotes: options.remotes, reads: options.reads, filter: options.filter,
        ...(options.writeDir !== undefined ? { writeDir: resolve(io.cwd, options.writeDir) } : {}),
        ...(options.durationMs !== undefined ? { durationMs: options.durationMs } : {}),
        ...(options.count !== undefined ? { count: options.count } : {}),
        ...(options.warmupMs !== undefined ? { warmupMs: options.warmupMs } : {}),
        config: config.value, checks: CHECKS,
      }, (deps.starters ?? defaultStarters)(io), listener, stop.signal);
    } finally {
      signals.off('SIGINT', onSigint);
      signals.off('SIGTERM', onSigterm);
      await view?.close();
    }
    deferred?.replay(io);
    if (!outcome.ok) {
      for (const e of outcome.errors) io.stderr.write(`lvs-doctor: ${escapeForTerminal(e, 4096)}\n`);
      return ExitCode.Error;
    }
    const report = buildReport(outcome.result);
    await writeReport(report, options.format ?? 'table', io.stdout, {
      color: io.stdout.isTTY && io.env['NO_COLOR'] === undefined,
      ...(io.stdout.columns ? { columns: io.stdout.columns } : {}),
    });
    if (outcome.files.length > 0 && !options.quiet) {
      const sources = [...options.interfaces, ...options.remotes, ...options.reads];
      const saved = outcome.files.map((file, i) => ({ file, name: sources[i]?.name ?? '', hasRole: sources[i]?.roleHint !== undefined }));
      io.stderr.write(`lvs-doctor: saved ${outcome.files.map((f) => escapeForTerminal(f)).join(', ')}\n`);
      io.stderr.write(`lvs-doctor: re-check them with: ${escapeForTerminal(reanalyzeCommand(saved, options), 4096)}\n`);
    }
    if (outcome.failures.length > 0) return ExitCode.Error;
    return exitCodeFor(report, options.failOn);
  };
}

export const watchCommand = createWatchCommand();
