// `lvs-doctor watch` arguments to a typed plan: which interfaces, remote commands and streams
// to read, named like analyze's captures, and when to stop. Pure, so every rule is testable.

import { SHARED_OPTIONS } from '../cli/shared-options.js';
import { parseArgs } from 'node:util';
import { inferRoleFromName, parseRoleOption } from '../config/roles.js';
import type { Role, Severity } from '../report/report-types.js';
import { isReportFormat, type ReportFormat } from '../report/write-report.js';
import type { InterfaceSpec } from './interface-source.js';
import { STDIN_PATH, type ReadSpec } from './read-source.js';
import type { RemoteSpec } from './remote-source.js';
import { fileNameFor } from './source-writer.js';

export type FailOn = Severity | 'never';

export type WatchOptions = {
  readonly interfaces: readonly InterfaceSpec[];
  readonly remotes: readonly RemoteSpec[];
  readonly reads: readonly ReadSpec[];
  readonly filter: string;
  readonly writeDir?: string;
  readonly durationMs?: number;
  readonly count?: number;
  /** Time spent learning the topology before the checks run. */
  readonly warmupMs?: number;
  /** Undefined: the live view on a terminal, table otherwise. */
  readonly format?: ReportFormat;
  readonly failOn: FailOn;
  readonly quiet: boolean;
  readonly ipvsadm: readonly string[];
  readonly keepalived: readonly string[];
  readonly topology: readonly string[];
  readonly roles: readonly string[];
  readonly vips: readonly string[];
};

export type ParsedWatch =
  | { readonly ok: true; readonly help: true }
  | { readonly ok: true; readonly help: false; readonly options: WatchOptions }
  | { readonly ok: false; readonly message: string };

const NAME = /^[A-Za-z][\w.-]*$/;

function splitNamed(option: string, value: string, what: string): { name: string; rest: string } | string {
  const eq = value.indexOf('=');
  if (eq < 0) return `${option} ${value}: expected NAME=${what}`;
  const name = value.slice(0, eq).trim();
  const rest = value.slice(eq + 1).trim();
  if (!NAME.test(name)) return `${option} ${value}: '${name}' is not a host name (letters, digits, '.', '-', '_', starting with a letter)`;
  if (rest === '') return `${option} ${value}: nothing after '='`;
  return { name, rest };
}

function roleOf(name: string): { roleHint?: Role } {
  const role = inferRoleFromName(name);
  return role ? { roleHint: role } : {};
}

function positiveNumber(option: string, value: string | undefined, integer: boolean): number | undefined | string {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0 || (integer && !Number.isSafeInteger(n))) {
    return `${option} takes a positive ${integer ? 'whole number' : 'number'}, not '${value}'`;
  }
  return n;
}

export function parseWatchArgs(argv: readonly string[]): ParsedWatch {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        ...SHARED_OPTIONS,
        filter: { type: 'string' },
        remote: { type: 'string', multiple: true, default: [] },
        read: { type: 'string', multiple: true, default: [] },
        write: { type: 'string' },
        duration: { type: 'string' },
        count: { type: 'string' },
        warmup: { type: 'string' },
        format: { type: 'string' },
      },
    });
  } catch (err) {
    return { ok: false, message: (err as Error).message };
  }
  const v = parsed.values;
  if (v.help) return { ok: true, help: true };
  const failOn = v['fail-on'];
  if (failOn !== 'error' && failOn !== 'warning' && failOn !== 'info' && failOn !== 'never') {
    return { ok: false, message: `--fail-on takes error, warning, info or never, not '${failOn}'` };
  }
  if (v.format !== undefined && !isReportFormat(v.format)) return { ok: false, message: `unknown format '${v.format}' (table, json, sarif or junit)` };
  const duration = positiveNumber('--duration', v.duration, false);
  if (typeof duration === 'string') return { ok: false, message: duration };
  const count = positiveNumber('--count', v.count, true);
  if (typeof count === 'string') return { ok: false, message: count };
  const warmup = positiveNumber('--warmup', v.warmup, false);
  if (typeof warmup === 'string') return { ok: false, message: warmup };

  // Interfaces, named by --role NAME=IFACE (which also adds IFACE when it is not listed).
  const ifaces = [...parsed.positionals];
  const names = new Map<string, { name: string; roleHint: Role }>();
  for (const value of v.role) {
    const role = parseRoleOption(value);
    if (!role.ok) return { ok: false, message: role.message.replace('NAME=FILE', 'NAME=IFACE') };
    if (!ifaces.includes(role.value.file)) ifaces.push(role.value.file);
    names.set(role.value.file, { name: role.value.name, roleHint: role.value.role });
  }
  const filter = v.filter ?? '';
  const interfaces: InterfaceSpec[] = [];
  for (const iface of ifaces) {
    if (interfaces.some((i) => i.iface === iface)) return { ok: false, message: `interface '${iface}' is listed twice` };
    const named = names.get(iface);
    interfaces.push({ name: named?.name ?? iface, iface, filter, ...(named ? { roleHint: named.roleHint } : {}) });
  }
  const remotes: RemoteSpec[] = [];
  for (const value of v.remote) {
    const r = splitNamed('--remote', value, "'COMMAND'");
    if (typeof r === 'string') return { ok: false, message: r };
    remotes.push({ name: r.name, command: r.rest, ...roleOf(r.name) });
  }
  const reads: ReadSpec[] = [];
  for (const value of v.read) {
    const r = splitNamed('--read', value, 'FILE (or - for stdin)');
    if (typeof r === 'string') return { ok: false, message: r };
    reads.push({ name: r.name, path: r.rest, ...roleOf(r.name) });
  }
  if (reads.filter((r) => r.path === STDIN_PATH).length > 1) return { ok: false, message: 'only one --read can take stdin (-)' };
  const all = [...interfaces.map((i) => i.name), ...remotes.map((r) => r.name), ...reads.map((r) => r.name)];
  if (all.length === 0) return { ok: false, message: 'nothing to watch: give an interface, --remote NAME=COMMAND or --read NAME=FILE' };
  const seen = new Set<string>();
  for (const name of all) {
    // Names become file names with --write: compare them the way a file system might.
    const key = fileNameFor(name).toLowerCase();
    if (seen.has(key)) return { ok: false, message: `two sources are named '${name}'; give each its own NAME` };
    seen.add(key);
  }
  if (v.filter !== undefined && interfaces.length === 0) {
    return { ok: false, message: '--filter applies to local interfaces; put the filter of a remote capture in its COMMAND' };
  }
  return {
    ok: true,
    help: false,
    options: {
      interfaces, remotes, reads, filter,
      ...(v.write !== undefined ? { writeDir: v.write } : {}),
      ...(duration !== undefined ? { durationMs: Math.round(duration * 1000) } : {}),
      ...(count !== undefined ? { count } : {}),
      ...(warmup !== undefined ? { warmupMs: Math.round(warmup * 1000) } : {}),
      ...(v.format !== undefined ? { format: v.format as ReportFormat } : {}),
      failOn, quiet: v.quiet,
      ipvsadm: v.ipvsadm, keepalived: v.keepalived, topology: v.topology, roles: v.role, vips: v.vip,
    },
  };
}
