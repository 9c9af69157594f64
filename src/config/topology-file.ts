// `--topology FILE`: a JSON file, validated against schema/topology.schema.json, that states
// services, hosts and VRRP instances directly. Errors name the JSON path, e.g.
// `/services/0/realServers/1/ip: must match format "ip"`.

import { type IpAddress, parseIp, parseMac } from '../decode/addresses.js';
import { type ConfigError, type ConfigResult, configFailed, configOk } from './config-result.js';
import type {
  DeploymentConfig, ForwardMethod, HostConfig, HostRole, OrderBasis, Persistence, RealServerConfig, ServiceConfig,
  ServiceKey, VrrpInstanceConfig,
} from './deployment.js';
import { normaliseNetmask } from './ipvsadm-command.js';
import { VRRP_DEFAULT_ADVERT_INT_SECONDS, VRRP_DEFAULT_PRIORITY } from './keepalived-vrrp.js';
import { describeService, formatEndpoint, serviceKeyId } from './service-key.js';
import { describeSchemaErrors, topologyValidator } from './topology-schema.js';

const DEFAULT_SCHEDULER = 'wlc';

// The shape the schema guarantees once validation has passed.
type FileRealServer = { ip: string; port?: number; weight?: number; method?: ForwardMethod; order?: number };
type FileService = {
  protocol: ServiceKey['protocol']; vip?: string; port?: number; fwmark?: number; ipv6?: boolean; scheduler?: string;
  persistence?: Persistence; onePacket?: boolean; realServers: FileRealServer[]; orderBasis?: OrderBasis;
};
type FileHost = { name?: string; ip?: string; mac?: string; role: HostRole };
type FileVrrp = Omit<VrrpInstanceConfig, 'source' | 'vips' | 'unicastPeers' | 'unicastSrcIp' | 'priority' | 'advertIntSeconds' | 'version'> & {
  priority?: number; advertIntSeconds?: number; version?: 2 | 3; vips?: string[]; unicastPeers?: string[]; unicastSrcIp?: string;
};
type TopologyFile = { services?: FileService[]; hosts?: FileHost[]; vrrp?: FileVrrp[] };

export function parseTopologyFile(text: string, file: string): ConfigResult<DeploymentConfig> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return configFailed([{ file, ...jsonErrorLocation(text, e), message: `not valid JSON: ${(e as Error).message}` }]);
  }
  const validate = topologyValidator();
  if (!validate(json)) {
    return configFailed(describeSchemaErrors(validate.errors ?? []).map((p) => ({ file, path: p.path, message: p.message })));
  }
  const topology = json as TopologyFile;
  const errors: ConfigError[] = [];
  const notes: string[] = [];
  const ctx: Context = { file, errors, notes };
  const services = readServices(topology.services ?? [], ctx);
  const hosts = (topology.hosts ?? []).flatMap((h, i) => readHost(h, `/hosts/${i}`, ctx) ?? []);
  const vrrp = (topology.vrrp ?? []).map((v, i) => readVrrp(v, `/vrrp/${i}`, ctx));
  if (errors.length > 0) return configFailed(errors);
  return configOk({ services, hosts, vrrp, roles: [], notes });
}

type Context = { file: string; errors: ConfigError[]; notes: string[] };

function ipAt(text: string, path: string, ctx: Context): IpAddress {
  const ip = parseIp(text);
  if (ip === undefined) ctx.errors.push({ file: ctx.file, path, message: 'must match format "ip"' });
  return ip ?? (0 as IpAddress);
}

function readServices(list: readonly FileService[], ctx: Context): ServiceConfig[] {
  const seen = new Map<string, string>();
  return list.map((raw, i) => {
    const path = `/services/${i}`;
    const key: ServiceKey = raw.protocol === 'fwmark'
      ? { protocol: 'fwmark', fwmark: raw.fwmark!, ...(raw.ipv6 === true ? { ipv6: true } : {}) }
      : { protocol: raw.protocol, vip: ipAt(raw.vip!, `${path}/vip`, ctx), port: raw.port! };
    const id = serviceKeyId(key);
    const first = seen.get(id);
    if (first !== undefined) ctx.errors.push({ file: ctx.file, path, message: `${describeService(key)} is already described at ${first}` });
    seen.set(id, path);
    let persistence: Persistence | undefined;
    if (raw.persistence !== undefined) {
      const mask = raw.persistence.netmask === undefined ? undefined : normaliseNetmask(raw.persistence.netmask, key);
      if (mask !== undefined && !mask.ok) ctx.errors.push({ file: ctx.file, path: `${path}/persistence/netmask`, message: mask.message });
      const netmask = mask?.ok === true ? mask.value : undefined;
      persistence = { timeoutSeconds: raw.persistence.timeoutSeconds, ...(netmask === undefined ? {} : { netmask }) };
    }
    const realServers = raw.realServers.map((rs, k) => readRealServer(rs, k, key, `${path}/realServers/${k}`, ctx));
    return {
      ...key,
      scheduler: raw.scheduler ?? DEFAULT_SCHEDULER,
      ...(persistence === undefined ? {} : { persistence }),
      ...(raw.onePacket === true ? { onePacket: true } : {}),
      realServers,
      source: `${ctx.file} ${path}`,
      orderBasis: raw.orderBasis ?? 'declared',
    };
  });
}

function readRealServer(raw: FileRealServer, index: number, key: ServiceKey, path: string, ctx: Context): RealServerConfig {
  const servicePort = key.protocol === 'fwmark' ? 0 : key.port;
  const server: RealServerConfig = {
    ip: ipAt(raw.ip, `${path}/ip`, ctx),
    port: raw.port ?? servicePort,
    weight: raw.weight ?? 1,
    method: raw.method ?? 'dr',
    order: raw.order ?? index + 1,
  };
  if (server.method !== 'nat' && key.protocol !== 'fwmark' && server.port !== servicePort) {
    ctx.notes.push(`${ctx.file} ${path}: ${server.method === 'dr' ? 'DR' : 'tunnel'} real server ${formatEndpoint(server.ip, server.port)} ` +
      `has a port other than the service's ${servicePort}; frames reach it on ${servicePort}`);
  }
  return server;
}

function readHost(raw: FileHost, path: string, ctx: Context): HostConfig | undefined {
  if (raw.name === undefined && raw.ip === undefined && raw.mac === undefined) {
    ctx.errors.push({ file: ctx.file, path, message: 'must have at least one of name, ip, mac' });
    return undefined;
  }
  const mac = raw.mac === undefined ? undefined : parseMac(raw.mac);
  if (raw.mac !== undefined && mac === undefined) ctx.errors.push({ file: ctx.file, path: `${path}/mac`, message: 'must match format "mac"' });
  return {
    ...(raw.name === undefined ? {} : { name: raw.name }),
    ...(raw.ip === undefined ? {} : { ip: ipAt(raw.ip, `${path}/ip`, ctx) }),
    ...(mac === undefined ? {} : { mac }),
    role: raw.role,
  };
}

function readVrrp(raw: FileVrrp, path: string, ctx: Context): VrrpInstanceConfig {
  const { vips = [], unicastPeers = [], unicastSrcIp, priority, advertIntSeconds, version, ...rest } = raw;
  return {
    ...rest,
    priority: priority ?? VRRP_DEFAULT_PRIORITY,
    advertIntSeconds: advertIntSeconds ?? VRRP_DEFAULT_ADVERT_INT_SECONDS,
    version: version ?? 2,
    vips: vips.map((v, i) => ipAt(v, `${path}/vips/${i}`, ctx)),
    unicastPeers: unicastPeers.map((v, i) => ipAt(v, `${path}/unicastPeers/${i}`, ctx)),
    ...(unicastSrcIp === undefined ? {} : { unicastSrcIp: ipAt(unicastSrcIp, `${path}/unicastSrcIp`, ctx) }),
    source: `${ctx.file} ${path}`,
  };
}

// Newer V8 puts "(line L column C)" or "at position N" in the message; Node 20's does neither.
function jsonErrorLocation(text: string, error: unknown): { line?: number } {
  const message = error instanceof Error ? error.message : '';
  const line = /\(line (\d+) column \d+\)/.exec(message);
  if (line) return { line: Number(line[1]) };
  const position = /at position (\d+)/.exec(message);
  if (position) return { line: text.slice(0, Number(position[1])).split('\n').length };
  return {};
}
