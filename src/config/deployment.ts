// What the operator tells lvs-doctor about the deployment. The analyzer infers the topology
// from the captures on its own; these records override or complete that inference. They
// come from ipvsadm output, keepalived.conf, a topology JSON file and --role options, merged
// in that order of increasing priority.

import type { IpAddress, Mac } from '../decode/addresses.js';
import { describeService, serviceKeyId } from './service-key.js';

export const FORWARD_METHODS = ['dr', 'nat', 'tunnel'] as const;
export type ForwardMethod = (typeof FORWARD_METHODS)[number];

export type ServiceKey =
  | { protocol: 'tcp' | 'udp' | 'sctp'; vip: IpAddress; port: number }
  /** `ipv6` marks an IPv6 fwmark service (`ipvsadm -f N -6`), a different kernel object. */
  | { protocol: 'fwmark'; fwmark: number; ipv6?: boolean };

export type RealServerConfig = {
  ip: IpAddress;
  /** The port IPVS stores. For DR and tunnel services it is the service port (see requestedPort). */
  port: number;
  weight: number;
  method: ForwardMethod;
  /** 1-based position as listed in the input; what that says about the kernel's order is `orderBasis`. */
  order: number;
  /**
   * The port the operator asked for when ipvsadm or keepalived replaced it with the service
   * port (DR and tunnel cannot remap ports: frames reach the real server on the service port).
   */
  requestedPort?: number;
};

/**
 * What the listed order of real servers says about the kernel's destination list, which is
 * newest first and is the order rr/wrr walk:
 * - `added`: the order they were added (ipvsadm -a commands, keepalived real_server blocks,
 *   an ipvsadm -R file); the kernel list is the reverse.
 * - `sorted`: ipvsadm's default listing (-L, -S), sorted by address and port; says nothing.
 * - `kernel`: an unsorted listing (--nosort), i.e. the kernel's own order.
 * - `declared`: as written in a topology file.
 */
export const ORDER_BASES = ['added', 'sorted', 'kernel', 'declared'] as const;
export type OrderBasis = (typeof ORDER_BASES)[number];

export type Persistence = { timeoutSeconds: number; netmask?: string };

export type ServiceConfig = ServiceKey & {
  scheduler: string;
  persistence?: Persistence;
  /** One-packet scheduling (ipvsadm -o / --ops, keepalived `ops`): every UDP datagram is scheduled on its own. */
  onePacket?: boolean;
  realServers: readonly RealServerConfig[];
  /** keepalived's sorry_server: in the table, alone, only while no real server is. */
  sorryServer?: { readonly ip: IpAddress; readonly port: number };
  /** Where it came from, e.g. "ipvsadm-S.txt line 3". */
  source: string;
  orderBasis?: OrderBasis;
};

export const HOST_ROLES = ['client', 'router', 'director', 'real-server'] as const;
export type HostRole = (typeof HOST_ROLES)[number];

export type HostConfig = { name?: string; ip?: IpAddress; mac?: Mac; role: HostRole };

export type VrrpInstanceConfig = {
  name: string;
  vrid: number;
  priority: number;
  state?: 'MASTER' | 'BACKUP';
  interface?: string;
  advertIntSeconds: number;
  version: 2 | 3;
  authType?: 'PASS' | 'AH';
  authPass?: string;
  vips: readonly IpAddress[];
  unicastPeers: readonly IpAddress[];
  unicastSrcIp?: IpAddress;
  /** `use_vmac`: adverts and GARPs then come from 00:00:5e:00:01:<vrid>. */
  useVmac?: boolean;
  garpMasterDelay?: number;
  garpMasterRepeat?: number;
  source: string;
};

/** A capture file and the host it was taken on (`--role NAME=FILE`). */
export type RoleCapture = { name: string; file: string };

export type DeploymentConfig = {
  services: readonly ServiceConfig[];
  hosts: readonly HostConfig[];
  vrrp: readonly VrrpInstanceConfig[];
  roles: readonly RoleCapture[];
  /** Warnings, e.g. "RS port 80 differs from service port 8099: ipvsadm stores 8099 for -g". */
  notes: readonly string[];
};

export const EMPTY_DEPLOYMENT: DeploymentConfig = Object.freeze({
  services: [],
  hosts: [],
  vrrp: [],
  roles: [],
  notes: [],
});

/**
 * Later inputs override earlier ones: a service replaces the one with the same key, a host
 * updates the one with the same name (or, unnamed, the same IP or MAC), a role capture
 * replaces the one with the same name. VRRP instances are kept side by side (two directors
 * share a name and VRID) unless name, VRID, priority and state all match.
 */
export function mergeDeployments(lowToHigh: readonly DeploymentConfig[]): DeploymentConfig {
  const services = new Map<string, ServiceConfig>();
  const vrrp = new Map<string, VrrpInstanceConfig>();
  const roles = new Map<string, RoleCapture>();
  const hosts: HostConfig[] = [];
  const notes: string[] = [];
  for (const deployment of lowToHigh) {
    notes.push(...deployment.notes);
    for (const service of deployment.services) {
      const id = serviceKeyId(service);
      const earlier = services.get(id);
      if (earlier !== undefined && !sameServiceContent(earlier, service)) {
        notes.push(`${service.source}: ${describeService(service)} replaces the one from ${earlier.source}`);
      }
      services.set(id, service);
    }
    for (const instance of deployment.vrrp) {
      vrrp.set(`${instance.vrid}/${instance.name}/${instance.priority}/${instance.state ?? ''}`, instance);
    }
    for (const role of deployment.roles) roles.set(role.name, role);
    for (const host of deployment.hosts) mergeHost(hosts, host);
  }
  return { services: [...services.values()], hosts, vrrp: [...vrrp.values()], roles: [...roles.values()], notes };
}

function sameServiceContent(a: ServiceConfig, b: ServiceConfig): boolean {
  return serviceFingerprint(a) === serviceFingerprint(b);
}

// Field by field, so the order in which each parser built its objects does not matter.
function serviceFingerprint(s: ServiceConfig): string {
  return JSON.stringify([
    s.scheduler,
    s.persistence?.timeoutSeconds,
    s.persistence?.netmask,
    s.realServers.map((rs) => [rs.ip, rs.port, rs.weight, rs.method]),
    s.sorryServer?.ip,
  ]);
}

function mergeHost(hosts: HostConfig[], host: HostConfig): void {
  const index = hosts.findIndex((known) => isSameHost(known, host));
  if (index < 0) {
    hosts.push(host);
    return;
  }
  const defined = Object.fromEntries(Object.entries(host).filter(([, v]) => v !== undefined));
  hosts[index] = { ...hosts[index]!, ...defined };
}

function isSameHost(a: HostConfig, b: HostConfig): boolean {
  if (a.name !== undefined && b.name !== undefined) return a.name === b.name;
  if (a.ip !== undefined && b.ip !== undefined) return a.ip === b.ip;
  return a.mac !== undefined && a.mac === b.mac;
}
