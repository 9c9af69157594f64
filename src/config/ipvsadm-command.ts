// One ipvsadm invocation (or one line of `ipvsadm -S` / `ipvsadm -R` input) turned into the
// change it makes, with ipvsadm's own defaults and rules applied (ipvsadm.c process_options):
// scheduler wlc, weight 1, forwarding -g, persistence timeout 360 s, and for -a/-e with
// -g or -i on a non-fwmark service the destination port forced to the service port.

import { formatIpv4, type IpAddress, parseIpv4 } from '../decode/addresses.js';
import type { Parsed } from './config-result.js';
import type { ForwardMethod, Persistence, ServiceKey } from './deployment.js';
import { parseEndpoint, parseInteger } from './endpoint.js';
import { type OptionUse, splitOptions } from './ipvsadm-options.js';

export const IPVSADM_DEFAULT_SCHEDULER = 'wlc';
// IPVS_SVC_PERSISTENT_TIMEOUT in ipvsadm's libipvs is 6*60; the man page says 300.
export const IPVSADM_DEFAULT_PERSISTENCE_SECONDS = 360;
const MAX_PERSISTENCE_SECONDS = 86400 * 31;
const MAX_WEIGHT = 65535;
const MAX_FWMARK = 0xffffffff;

export type ServerSpec = { readonly ip: IpAddress; readonly port: number; readonly requestedPort?: number };

export type ListingKind = 'services' | 'other';

export type IpvsadmCommand =
  | {
    readonly kind: 'add-service' | 'edit-service'; readonly service: ServiceKey; readonly scheduler: string; readonly persistence: Persistence | undefined;
    /** -o / --ops, only when given. */
    readonly onePacket?: true;
  }
  | { readonly kind: 'delete-service'; readonly service: ServiceKey }
  | { readonly kind: 'add-server' | 'edit-server'; readonly service: ServiceKey; readonly server: ServerSpec; readonly method: ForwardMethod; readonly weight: number }
  | { readonly kind: 'delete-server'; readonly service: ServiceKey; readonly server: ServerSpec }
  | { readonly kind: 'clear' }
  /** `rest`: listing output pasted on the same line as the command. */
  | { readonly kind: 'list'; readonly listing: ListingKind; readonly nosort: boolean; readonly rest: readonly string[] }
  /** Commands that change nothing modelled here; `printsText` when their output (help, version) may follow. */
  | { readonly kind: 'other'; readonly printsText: boolean };

const COMMANDS = [
  'add-service', 'edit-service', 'delete-service', 'clear', 'list', 'zero', 'add-server', 'edit-server',
  'delete-server', 'set', 'restore', 'save', 'start-daemon', 'stop-daemon', 'help', 'version',
] as const;
type CommandName = (typeof COMMANDS)[number];

const NON_SERVICE_LISTINGS = ['connection', 'timeout', 'daemon', 'stats', 'rate', 'thresholds', 'persistent-conn'];

/** `words`: the arguments after `ipvsadm` (or a whole -S/-R line). */
export function parseIpvsadmCommand(words: readonly string[]): Parsed<IpvsadmCommand> {
  if (words.length === 0) return { ok: true, value: { kind: 'list', listing: 'services', nosort: false, rest: [] } };
  const split = splitOptions(words);
  if (!split.ok) return split;
  const { options, rest } = split.value;
  const named = options.filter((o) => (COMMANDS as readonly string[]).includes(o.name));
  if (named.length === 0) return { ok: false, message: 'no ipvsadm command (-A, -E, -D, -a, -e, -d, -C, -L …)' };
  if (named.length > 1) return { ok: false, message: 'multiple commands specified' };
  const command = named[0]!.name as CommandName;
  const repeated = options.find((o, i) => options.findIndex((p) => p.name === o.name) !== i);
  if (repeated !== undefined) return { ok: false, message: `multiple '${repeated.name}' options specified` };
  const opt = (name: string): OptionUse | undefined => options.find((o) => o.name === name);

  if (command === 'list') {
    return {
      ok: true,
      value: {
        kind: 'list',
        listing: NON_SERVICE_LISTINGS.some((name) => opt(name) !== undefined) ? 'other' : 'services',
        nosort: opt('nosort') !== undefined,
        rest,
      },
    };
  }
  if (rest.length > 0 && command !== 'set') return { ok: false, message: `unexpected argument '${rest[0]}'` };
  if (command === 'clear') return { ok: true, value: { kind: 'clear' } };
  if (command === 'help' || command === 'version') return { ok: true, value: { kind: 'other', printsText: true } };
  if (command === 'zero' || command === 'set' || command === 'restore' || command === 'save' ||
    command === 'start-daemon' || command === 'stop-daemon') {
    return { ok: true, value: { kind: 'other', printsText: false } };
  }

  const service = parseServiceOption(options);
  if (!service.ok) return service;
  if (command === 'delete-service') return { ok: true, value: { kind: 'delete-service', service: service.value } };
  if (command === 'add-service' || command === 'edit-service') {
    return serviceCommand(command, service.value, opt);
  }
  return serverCommand(command, service.value, options, opt);
}

function parseServiceOption(options: readonly OptionUse[]): Parsed<ServiceKey> {
  const given = options.filter((o) => o.name.endsWith('-service') && !['add-service', 'edit-service', 'delete-service'].includes(o.name));
  if (given.length === 0) return { ok: false, message: 'no service given (-t, -u, -f or --sctp-service)' };
  if (given.length > 1) return { ok: false, message: "multiple 'service-address' options specified" };
  const { name, value = '' } = given[0]!;
  if (name === 'fwmark-service') {
    const fwmark = parseInteger(value, 1, MAX_FWMARK);
    if (fwmark === undefined) return { ok: false, message: `invalid fwmark value '${value}' specified` };
    const ipv6 = options.some((o) => o.name === 'ipv6');
    return { ok: true, value: ipv6 ? { protocol: 'fwmark', fwmark, ipv6 } : { protocol: 'fwmark', fwmark } };
  }
  const endpoint = parseEndpoint(value);
  if (!endpoint.ok) return { ok: false, message: `illegal virtual server address[:port]: ${endpoint.message}` };
  const protocol = name === 'tcp-service' ? 'tcp' : name === 'udp-service' ? 'udp' : 'sctp';
  return { ok: true, value: { protocol, vip: endpoint.value.ip, port: endpoint.value.port ?? 0 } };
}

function serviceCommand(
  kind: 'add-service' | 'edit-service',
  service: ServiceKey,
  opt: (name: string) => OptionUse | undefined,
): Parsed<IpvsadmCommand> {
  const scheduler = opt('scheduler')?.value ?? IPVSADM_DEFAULT_SCHEDULER;
  if (!/^[a-z][a-z0-9_]*$/.test(scheduler)) return { ok: false, message: `'${scheduler}' is not a scheduler name` };
  let persistence: Persistence | undefined;
  const persistent = opt('persistent');
  if (persistent !== undefined) {
    const timeoutSeconds = persistent.value === undefined
      ? IPVSADM_DEFAULT_PERSISTENCE_SECONDS
      : parseInteger(persistent.value, 1, MAX_PERSISTENCE_SECONDS);
    if (timeoutSeconds === undefined) return { ok: false, message: `invalid timeout value '${persistent.value}' specified` };
    const netmask = opt('netmask')?.value;
    if (netmask === undefined) {
      persistence = { timeoutSeconds };
    } else {
      const mask = normaliseNetmask(netmask, service);
      if (!mask.ok) return mask;
      persistence = mask.value === undefined ? { timeoutSeconds } : { timeoutSeconds, netmask: mask.value };
    }
  }
  if (service.protocol !== 'fwmark' && service.port === 0 && persistence === undefined) {
    return { ok: false, message: 'Zero port specified for non-persistent service' };
  }
  return { ok: true, value: { kind, service, scheduler, persistence, ...(opt('ops') !== undefined ? { onePacket: true as const } : {}) } };
}

/** Dotted IPv4 mask or IPv6 prefix length; undefined for the default (one client host). */
export function normaliseNetmask(text: string, service: ServiceKey): Parsed<string | undefined> {
  const ipv6 = service.protocol === 'fwmark' ? service.ipv6 === true : typeof service.vip === 'string';
  if (ipv6) {
    const prefix = parseInteger(text, 1, 128);
    if (prefix === undefined) return { ok: false, message: `illegal ipv6 netmask '${text}' specified` };
    return { ok: true, value: prefix === 128 ? undefined : String(prefix) };
  }
  const mask = parseIpv4(text);
  if (mask === undefined) return { ok: false, message: `illegal virtual server persistent mask '${text}' specified` };
  return { ok: true, value: mask === 0xffffffff ? undefined : formatIpv4(mask) };
}

function serverCommand(
  kind: 'add-server' | 'edit-server' | 'delete-server',
  service: ServiceKey,
  options: readonly OptionUse[],
  opt: (name: string) => OptionUse | undefined,
): Parsed<IpvsadmCommand> {
  const real = opt('real-server');
  if (real === undefined) return { ok: false, message: 'no real server given (-r)' };
  const endpoint = parseEndpoint(real.value ?? '');
  if (!endpoint.ok) return { ok: false, message: `illegal real server address[:port]: ${endpoint.message}` };
  const servicePort = service.protocol === 'fwmark' ? 0 : service.port;
  const givenPort = endpoint.value.port ?? servicePort;
  const methods = options.filter((o) => ['gatewaying', 'masquerading', 'ipip'].includes(o.name));
  if (methods.length > 1) return { ok: false, message: "multiple 'forwarding-method' options specified" };
  const methodName = methods[0]?.name ?? 'gatewaying';
  const method: ForwardMethod = methodName === 'masquerading' ? 'nat' : methodName === 'ipip' ? 'tunnel' : 'dr';
  if (kind === 'delete-server') {
    // ipvsadm does not force the port for -d, so deleting RIP:80 from a DR service on 8099 fails.
    return { ok: true, value: { kind, service, server: { ip: endpoint.value.ip, port: givenPort } } };
  }
  const weightText = opt('weight')?.value;
  const weight = weightText === undefined ? 1 : parseInteger(weightText, 0, MAX_WEIGHT);
  if (weight === undefined) return { ok: false, message: `illegal weight '${weightText}' specified` };
  const forced = service.protocol !== 'fwmark' && method !== 'nat' && givenPort !== servicePort;
  const server: ServerSpec = forced
    ? { ip: endpoint.value.ip, port: servicePort, requestedPort: givenPort }
    : { ip: endpoint.value.ip, port: givenPort };
  return { ok: true, value: { kind, service, server, method, weight } };
}
