// `--role NAME=FILE`: the capture FILE was taken on host NAME, whose role the name's prefix
// tells: client1, router, gw, director2, lb1, ds1, rs1, real-a …

import type { Parsed } from './config-result.js';
import type { HostRole, RoleCapture } from './deployment.js';

const ROLE_PREFIXES: readonly { readonly prefixes: readonly string[]; readonly role: HostRole }[] = [
  { prefixes: ['client'], role: 'client' },
  { prefixes: ['router', 'gateway', 'gw'], role: 'router' },
  { prefixes: ['director', 'lb', 'ds'], role: 'director' },
  { prefixes: ['real', 'rs'], role: 'real-server' },
];

export const ACCEPTED_ROLE_PREFIXES = 'client*, router*/gw*, director*/lb*/ds*, rs*/real*';

export type RoleOption = RoleCapture & { readonly role: HostRole };

export function inferRoleFromName(name: string): HostRole | undefined {
  const lower = name.toLowerCase();
  return ROLE_PREFIXES.find((entry) => entry.prefixes.some((p) => lower.startsWith(p)))?.role;
}

export function parseRoleOption(value: string): Parsed<RoleOption> {
  const eq = value.indexOf('=');
  if (eq < 0) return { ok: false, message: `--role ${value}: expected NAME=FILE, e.g. --role director=lb.pcap` };
  const name = value.slice(0, eq).trim();
  const file = value.slice(eq + 1).trim();
  if (!/^[A-Za-z][\w.-]*$/.test(name)) {
    return { ok: false, message: `--role ${value}: '${name}' is not a host name (letters, digits, '.', '-', '_', starting with a letter)` };
  }
  if (file === '') return { ok: false, message: `--role ${value}: no capture file after '='` };
  const role = inferRoleFromName(name);
  if (role === undefined) {
    return { ok: false, message: `--role ${value}: cannot tell the role of '${name}'; start the name with ${ACCEPTED_ROLE_PREFIXES}` };
  }
  return { ok: true, value: { name, file, role } };
}
