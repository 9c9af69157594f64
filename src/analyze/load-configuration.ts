// Bridges the operator's configuration (--ipvsadm, --keepalived, --topology, --role) to
// what topology inference and the capture inputs need.

import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { loadDeployment } from '../config/load.js';
import { inferRoleFromName } from '../config/roles.js';
import { describeService } from '../config/service-key.js';
import { formatIp, parseIp } from '../decode/addresses.js';
import type { DeploymentConfig } from '../config/deployment.js';
import type { ConfiguredService, ConfiguredTopology } from '../correlate/infer-topology.js';
import type { RoleAssignment } from './capture-inputs.js';

export type ConfigurationOptions = {
  readonly ipvsadm: readonly string[];
  readonly keepalived: readonly string[];
  readonly topology: readonly string[];
  readonly roles: readonly string[];
  /** --vip values: addresses the clients connect to, when no configuration file says so. */
  readonly vips?: readonly string[];
};

export type LoadedConfiguration =
  | { readonly ok: true; readonly value: ConfiguredTopology; readonly roles: readonly RoleAssignment[]; readonly notes: readonly string[] }
  | { readonly ok: false; readonly errors: readonly string[] };

export function configuredTopologyOf(d: DeploymentConfig): ConfiguredTopology {
  const services: ConfiguredService[] = [];
  for (const s of d.services) {
    if (s.protocol !== 'tcp' && s.protocol !== 'udp') continue;
    services.push({
      vip: s.vip, protocol: s.protocol, port: s.port, scheduler: s.scheduler, source: s.source,
      ...(s.persistence ? { persistence: s.persistence } : {}),
      ...(s.onePacket === true ? { onePacket: true } : {}),
      ...(s.orderBasis ? { orderBasis: s.orderBasis } : {}),
      realServers: s.realServers.map((r) => ({ ip: r.ip, weight: r.weight, order: r.order })),
      ...(s.sorryServer !== undefined ? { sorryServer: s.sorryServer.ip } : {}),
    });
  }
  const hosts: ConfiguredTopology['hosts'][number][] = d.hosts.map((h) => ({ role: h.role, ...(h.name ? { name: h.name } : {}), ...(h.ip !== undefined ? { ip: h.ip } : {}), ...(h.mac !== undefined ? { mac: h.mac } : {}) }));
  // Unicast VRRP names the directors: its own source and its peers (their adverts are unicast,
  // so a capture elsewhere on the LAN never shows them).
  for (const v of d.vrrp) {
    for (const ip of [...(v.unicastSrcIp !== undefined ? [v.unicastSrcIp] : []), ...v.unicastPeers]) {
      if (!hosts.some((h) => h.ip === ip)) hosts.push({ role: 'director', ip });
    }
  }
  return {
    services,
    hosts,
    declaredVips: d.vrrp.flatMap((v) => v.vips),
    vrrp: d.vrrp.map((v) => ({ name: v.name, vrid: v.vrid, priority: v.priority, version: v.version, advertIntSeconds: v.advertIntSeconds, vips: v.vips })),
    sources: d.services.map((s) => `configured service from ${s.source}`),
  };
}

export async function loadConfiguredTopology(o: ConfigurationOptions, cwd: string): Promise<LoadedConfiguration> {
  const result = await loadDeployment(
    { ipvsadm: [...o.ipvsadm], keepalived: [...o.keepalived], topology: [...o.topology], roles: [...o.roles] },
    (path: string) => readFile(resolve(cwd, path), 'utf8'),
  );
  if (!result.ok) {
    return { ok: false, errors: result.errors.map((e) => `${e.file}${e.line !== undefined ? `:${e.line}` : ''}${e.path ? ` ${e.path}` : ''}: ${e.message}`) };
  }
  const vips = (o.vips ?? []).map((text) => ({ text, ip: parseIp(text.trim()) }));
  const bad = vips.filter((v) => v.ip === undefined);
  if (bad.length > 0) return { ok: false, errors: bad.map((v) => `--vip ${v.text}: not an IPv4 or IPv6 address`) };
  const d = result.value;
  const roles: RoleAssignment[] = d.roles.map((r) => {
    const role = inferRoleFromName(r.name);
    return { name: r.name, file: r.file, ...(role ? { role } : {}) };
  });
  const configured = configuredTopologyOf(d);
  const declared = vips.map((v) => v.ip!);
  // Which addresses and ports carry a mark is in the firewall's rules, which lvs-doctor is not given.
  const fwmarkNotes = d.services.filter((s) => s.protocol === 'fwmark').map((s) =>
    `${s.source}: ${describeService(s)}: the scheduling checks (sched/*) do not judge firewall-mark services (which addresses and ports carry the mark is in the firewall's rules); the other checks see its traffic as any VIP's`);
  return {
    ok: true, roles, notes: [...d.notes, ...fwmarkNotes],
    value: declared.length === 0 ? configured : {
      ...configured,
      declaredVips: [...configured.declaredVips, ...declared],
      sources: [...configured.sources, ...declared.map((ip) => `VIP ${formatIp(ip)} from --vip`)],
    },
  };
}
