// A local interface as a source: a capture process (capture-process.ts) per interface whose
// stdout is a pcap stream. Starting waits for the process to say it opened the interface, so a
// missing binding, a missing permission or a wrong name stops `watch` before it begins.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readCaptureStream } from '../io/open-capture.js';
import type { Role } from '../report/report-types.js';
import type { CaptureFailure } from './capture-failure.js';
import { isCaptureMessage, type CaptureMessage } from './capture-protocol.js';
import { readerFailure, type LiveSource, type SourceEnd } from './live-source.js';
import { describeExit, superviseProcess, type SourceProcess } from './source-process.js';

export type InterfaceSpec = { readonly name: string; readonly iface: string; readonly filter: string; readonly roleHint?: Role };

export type InterfaceStart =
  | { readonly ok: true; readonly source: LiveSource; readonly linkType: number }
  | { readonly ok: false; readonly failure: CaptureFailure };

export type InterfaceSourceOptions = {
  /** The capture process script (default: capture-process.js next to this module). */
  readonly script?: string;
  readonly startTimeoutMs?: number;
  readonly interfaceExists?: (iface: string) => boolean;
};

const START_TIMEOUT_MS = 15_000;
const SETTLE_MS = 1000;

export function captureProcessScript(): string {
  const sibling = fileURLToPath(new URL('./capture-process.js', import.meta.url));
  if (existsSync(sibling)) return sibling;
  // Running from the TypeScript sources (tests): the built script.
  return fileURLToPath(new URL('../../dist/live/capture-process.js', import.meta.url));
}

function linuxInterfaceExists(iface: string): boolean {
  return !iface.includes('/') && existsSync(`/sys/class/net/${iface}`);
}

function firstMessage(proc: SourceProcess, timeoutMs: number): Promise<CaptureMessage | 'exited' | 'timeout'> {
  return new Promise((resolve) => {
    const done = (outcome: CaptureMessage | 'exited' | 'timeout') => {
      clearTimeout(timer);
      proc.child.off('message', onMessage);
      resolve(outcome);
    };
    const onMessage = (m: unknown) => { if (isCaptureMessage(m)) done(m); };
    const timer = setTimeout(() => done('timeout'), timeoutMs);
    proc.child.on('message', onMessage);
    void proc.exited.then(() => done('exited'));
  });
}

export async function startInterfaceSource(spec: InterfaceSpec, options: InterfaceSourceOptions = {}): Promise<InterfaceStart> {
  const script = options.script ?? captureProcessScript();
  const child = spawn(process.execPath, [script, spec.iface, spec.filter], {
    detached: true, stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const proc = superviseProcess(child);
  const first = await firstMessage(proc, options.startTimeoutMs ?? START_TIMEOUT_MS);
  if (first === 'exited' || first === 'timeout' || first.type === 'failed') {
    await proc.stop();
    if (typeof first === 'object') return { ok: false, failure: first.failure };
    const why = first === 'timeout' ? 'the capture process did not start in time' : `the capture process ${describeExit(proc.exit!)}`;
    const stderr = proc.stderr();
    return { ok: false, failure: { kind: 'failed', detail: stderr ? `${why}: ${stderr}` : why } };
  }
  // The channel stays open so the capture process ends if `watch` dies, but must not keep `watch` alive.
  child.channel?.unref();
  const exists = options.interfaceExists ?? linuxInterfaceExists;
  const reader = readCaptureStream(child.stdout!);
  const source: LiveSource = {
    name: spec.name,
    label: `interface:${spec.iface}`,
    kind: 'interface',
    ...(spec.roleHint ? { roleHint: spec.roleHint } : {}),
    reader,
    async settle(): Promise<SourceEnd> {
      const timer = new Promise<'running'>((resolve) => setTimeout(() => resolve('running'), SETTLE_MS).unref());
      if (await Promise.race([proc.exited, timer]) === 'running') await proc.stop();
      if (!exists(spec.iface)) return { kind: 'failed', reason: `interface ${spec.iface} went away` };
      const parts = [proc.exit ? `the capture process ${describeExit(proc.exit)}` : undefined, readerFailure(reader)];
      const stderr = proc.stderr();
      return { kind: 'failed', reason: parts.filter(Boolean).join('; '), ...(stderr ? { stderr } : {}) };
    },
    stop: () => proc.stop(),
  };
  return { ok: true, source, linkType: first.linkType };
}
