// A keepalived `virtual_server IP PORT { … }` or `virtual_server fwmark N { … }` block, turned
// into the IPVS service keepalived programs, with keepalived's own defaults and corrections
// (check/check_data.c validate_check_config): scheduler wlc, forwarding NAT, protocol UDP,
// weight 1; real servers listed twice dropped; and, since keepalived 2.0.15, for DR/TUN the
// real-server port reset to the virtual-server port (cleared to 0 for fwmark services).

import { type IpAddress, parseIp } from '../decode/addresses.js';
import type { LineMessages } from './config-result.js';
import type { ForwardMethod, Persistence, RealServerConfig, ServiceConfig, ServiceKey } from './deployment.js';
import { parseInteger, parsePort } from './endpoint.js';
import { IPVSADM_DEFAULT_PERSISTENCE_SECONDS, normaliseNetmask } from './ipvsadm-command.js';
import type { Statement } from './keepalived-syntax.js';
import { describeService, formatEndpoint } from './service-key.js';

export const KEEPALIVED_DEFAULT_SCHEDULER = 'wlc';

const METHODS: Readonly<Record<string, ForwardMethod>> = { NAT: 'nat', DR: 'dr', TUN: 'tunnel' };
const PROTOCOLS: Readonly<Record<string, 'tcp' | 'udp' | 'sctp'>> = { TCP: 'tcp', UDP: 'udp', SCTP: 'sctp' };

type ReadServer = { ip: IpAddress; port: number | undefined; weight: number | undefined; method: ForwardMethod | undefined; line: number };

export function readVirtualServer(statement: Statement, file: string, out: LineMessages): ServiceConfig | undefined {
  const [, first = '', second] = statement.words;
  const label = statement.words.slice(0, 3).join(' ');
  const error = (line: number, message: string): void => {
    out.errors.push({ line, message: `${label}: ${message}` });
  };
  const note = (line: number, message: string): void => {
    out.notes.push({ line, message });
  };
  if (first === 'group') {
    note(statement.line, `${label}: virtual_server_group services are not read; describe them with --topology`);
    return undefined;
  }
  let vip: IpAddress | undefined;
  let vsPort = 0;
  let fwmark: number | undefined;
  if (first === 'fwmark') {
    fwmark = second === undefined ? undefined : parseInteger(second, 1, 0xffffffff);
    if (fwmark === undefined) {
      error(statement.line, `'${second ?? ''}' is not a firewall mark`);
      return undefined;
    }
  } else {
    vip = parseIp(first);
    if (vip === undefined) {
      error(statement.line, `'${first}' is not an address`);
      return undefined;
    }
    if (second !== undefined) {
      const port = parsePort(second);
      if (!port.ok) {
        error(statement.line, port.message);
        return undefined;
      }
      vsPort = port.value;
    }
  }

  let scheduler: string | undefined;
  let method: ForwardMethod | undefined;
  let protocol: 'tcp' | 'udp' | 'sctp' | undefined;
  let timeoutSeconds: number | undefined;
  let granularity: { text: string; line: number } | undefined;
  let defaultWeight = 1;
  let ipv6Family = false;
  let onePacket = false;
  let sorry: { ip: IpAddress; port: number | undefined } | undefined;
  const servers: ReadServer[] = [];
  for (const s of statement.block ?? []) {
    const [keyword = '', value] = s.words;
    switch (keyword) {
      case 'lb_algo':
      case 'lvs_sched':
        if (value !== undefined) scheduler = value;
        break;
      case 'lb_kind':
      case 'lvs_method': {
        method = value === undefined ? undefined : METHODS[value.toUpperCase()];
        if (method === undefined) error(s.line, `${keyword} must be NAT, DR or TUN, found '${value ?? ''}'`);
        break;
      }
      case 'protocol':
        protocol = value === undefined ? undefined : PROTOCOLS[value.toUpperCase()];
        if (protocol === undefined) error(s.line, `protocol must be TCP, UDP or SCTP, found '${value ?? ''}'`);
        break;
      case 'persistence_timeout': {
        const seconds = value === undefined ? IPVSADM_DEFAULT_PERSISTENCE_SECONDS : parseInteger(value, 0, 0xffffffff);
        if (seconds === undefined) error(s.line, `persistence_timeout needs a number of seconds, found '${value}'`);
        timeoutSeconds = seconds;
        break;
      }
      case 'persistence_granularity':
        if (value !== undefined) granularity = { text: value, line: s.line };
        break;
      case 'weight': {
        const weight = value === undefined ? undefined : parseInteger(value, 0, 65535);
        if (weight === undefined) error(s.line, `weight needs an integer from 0 to 65535, found '${value ?? ''}'`);
        else defaultWeight = weight;
        break;
      }
      case 'ip_family':
        ipv6Family = value === 'inet6';
        break;
      case 'ops':
        onePacket = true;
        break;
      case 'sorry_server': {
        const ip = value === undefined ? undefined : parseIp(value);
        const port = s.words[2] === undefined ? undefined : parsePort(s.words[2]);
        if (ip === undefined) error(s.line, `sorry_server '${value ?? ''}' is not an address`);
        else if (port !== undefined && !port.ok) error(s.line, port.message);
        else sorry = { ip, port: port?.value };
        break;
      }
      case 'real_server': {
        const server = readRealServer(s, error);
        if (server !== undefined) servers.push(server);
        break;
      }
      default:
        break;
    }
  }

  const key: ServiceKey = fwmark !== undefined
    ? { protocol: 'fwmark', fwmark, ...(ipv6Family ? { ipv6: true } : {}) }
    : { protocol: protocol ?? 'udp', vip: vip!, port: vsPort };
  const name = describeService(key);
  if (fwmark === undefined && protocol === undefined) note(statement.line, `${name}: no protocol set; keepalived programs UDP`);
  if (scheduler === undefined) note(statement.line, `${name}: no lb_algo set; keepalived uses ${KEEPALIVED_DEFAULT_SCHEDULER}`);
  if (method === undefined && servers.some((s) => s.method === undefined)) note(statement.line, `${name}: no lb_kind set; keepalived uses NAT`);
  if (servers.length === 0) {
    note(statement.line, `${name}: no real servers; keepalived ignores this virtual server`);
    return undefined;
  }

  let persistence: Persistence | undefined;
  if (timeoutSeconds !== undefined && timeoutSeconds > 0) {
    const mask = granularity === undefined ? undefined : normaliseNetmask(granularity.text, key);
    if (mask !== undefined && !mask.ok) error(granularity!.line, mask.message);
    const netmask = mask?.ok === true ? mask.value : undefined;
    persistence = netmask === undefined ? { timeoutSeconds } : { timeoutSeconds, netmask };
  } else if (fwmark === undefined && vsPort === 0) {
    // keepalived: "zero port only valid for persistent services - setting".
    persistence = { timeoutSeconds: IPVSADM_DEFAULT_PERSISTENCE_SECONDS };
    note(statement.line, `${name}: port 0 needs persistence; keepalived sets persistence_timeout ${IPVSADM_DEFAULT_PERSISTENCE_SECONDS}`);
  }

  const realServers: RealServerConfig[] = [];
  for (const server of servers) {
    const resolved = resolveServer(server, method ?? 'nat', defaultWeight, key, vsPort, note);
    if (realServers.some((rs) => rs.ip === resolved.ip && rs.port === resolved.port)) {
      note(server.line, `${name}: real server ${formatEndpoint(resolved.ip, resolved.port)} is listed twice; keepalived drops the second`);
      continue;
    }
    realServers.push({ ...resolved, order: realServers.length + 1 });
  }
  return {
    ...key,
    scheduler: scheduler ?? KEEPALIVED_DEFAULT_SCHEDULER,
    ...(persistence === undefined ? {} : { persistence }),
    ...(onePacket ? { onePacket: true } : {}),
    realServers,
    // Like a real server of the service's method: DR and TUN reach it on the service port.
    ...(sorry === undefined ? {} : { sorryServer: { ip: sorry.ip, port: (method ?? 'nat') === 'nat' ? sorry.port ?? vsPort : vsPort } }),
    source: `${file} line ${statement.line}`,
    orderBasis: 'added',
  };
}

function readRealServer(statement: Statement, error: (line: number, message: string) => void): ReadServer | undefined {
  const [, address = '', portText] = statement.words;
  const ip = parseIp(address);
  if (ip === undefined) {
    error(statement.line, `real_server '${address}' is not an address`);
    return undefined;
  }
  let port: number | undefined;
  if (portText !== undefined) {
    const parsed = parsePort(portText);
    if (!parsed.ok) {
      error(statement.line, parsed.message);
      return undefined;
    }
    port = parsed.value;
  }
  let weight: number | undefined;
  let method: ForwardMethod | undefined;
  for (const s of statement.block ?? []) {
    const [keyword, value] = s.words;
    if (keyword === 'weight') {
      weight = value === undefined ? undefined : parseInteger(value, 0, 65535);
      if (weight === undefined) error(s.line, `weight needs an integer from 0 to 65535, found '${value ?? ''}'`);
    } else if (keyword === 'lvs_method' || keyword === 'lb_kind') {
      method = value === undefined ? undefined : METHODS[value.toUpperCase()];
      if (method === undefined) error(s.line, `${keyword} must be NAT, DR or TUN, found '${value ?? ''}'`);
    }
  }
  return { ip, port, weight, method, line: statement.line };
}

function resolveServer(
  server: ReadServer,
  vsMethod: ForwardMethod,
  defaultWeight: number,
  key: ServiceKey,
  vsPort: number,
  note: (line: number, message: string) => void,
): Omit<RealServerConfig, 'order'> {
  const method = server.method ?? vsMethod;
  const base = { ip: server.ip, weight: server.weight ?? defaultWeight, method };
  const given = server.port ?? 0;
  if (method === 'nat') return { ...base, port: key.protocol === 'fwmark' || server.port !== undefined ? given : vsPort };
  const stored = key.protocol === 'fwmark' ? 0 : vsPort;
  if (server.port === undefined || given === stored) return { ...base, port: stored };
  const kind = method === 'dr' ? 'DR' : 'TUN';
  note(server.line, key.protocol === 'fwmark'
    ? `real server ${formatEndpoint(server.ip, given)}: keepalived ≥ 2.0.15 clears the port of ${kind} real servers of fwmark services; frames keep the client's destination port`
    : `RS port ${given} differs from virtual server port ${vsPort}: keepalived ≥ 2.0.15 resets it to ${vsPort} for ${kind} ` +
      `(older versions pass ${given} to the kernel and health-check port ${given}); frames reach ${formatEndpoint(server.ip, vsPort)}`);
  return { ...base, port: stored, requestedPort: given };
}
