// `--remote NAME='COMMAND'`: COMMAND runs through /bin/sh and its stdout is a pcap or pcapng
// stream, e.g. `ssh rs1 sudo tcpdump -U -w - -i eth0 'not port 22'`.

import { spawn } from 'node:child_process';
import { readCaptureStream } from '../io/open-capture.js';
import type { Role } from '../report/report-types.js';
import { readerFailure, type LiveSource, type SourceEnd } from './live-source.js';
import { describeExit, superviseProcess } from './source-process.js';

export type RemoteSpec = { readonly name: string; readonly command: string; readonly roleHint?: Role };

/** How long a source whose stream ended may take to exit before it is stopped. */
const SETTLE_MS = 1000;

export function startRemoteSource(spec: RemoteSpec, options: { readonly cwd?: string } = {}): LiveSource {
  const child = spawn('/bin/sh', ['-c', spec.command], {
    detached: true, stdio: ['ignore', 'pipe', 'pipe'], ...(options.cwd !== undefined ? { cwd: options.cwd } : {}),
  });
  const proc = superviseProcess(child);
  const reader = readCaptureStream(child.stdout!);
  return {
    name: spec.name,
    label: `remote:${spec.name}`,
    kind: 'remote',
    ...(spec.roleHint ? { roleHint: spec.roleHint } : {}),
    reader,
    async settle(): Promise<SourceEnd> {
      const timer = new Promise<'running'>((resolve) => setTimeout(() => resolve('running'), SETTLE_MS).unref());
      const outcome = await Promise.race([proc.exited, timer]);
      if (outcome === 'running') await proc.stop();
      const broken = readerFailure(reader);
      const exit = proc.exit;
      const status = exit && (exit.code !== 0 || exit.signal) && outcome !== 'running' ? `the command ${describeExit(exit)}` : undefined;
      if (!broken && !status) return { kind: 'ended', reason: 'the command ended its capture' };
      const reason = [status, broken].filter(Boolean).join('; ');
      const stderr = proc.stderr();
      return { kind: 'failed', reason, ...(stderr ? { stderr } : {}) };
    },
    stop: () => proc.stop(),
  };
}
