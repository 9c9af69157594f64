// The IPVS table that a sequence of ipvsadm commands and listings describes, replayed the way
// the kernel would apply it. A command the kernel would refuse (adding a service that exists,
// editing a real server that does not) changes nothing and leaves a note.

import { formatIp, type IpAddress, isIpv4, parseIpv6 } from '../decode/addresses.js';
import type { LineMessage } from './config-result.js';
import type { ForwardMethod, OrderBasis, Persistence, ServiceConfig, ServiceKey } from './deployment.js';
import type { IpvsadmCommand, ServerSpec } from './ipvsadm-command.js';
import type { ListedServer, Listing } from './ipvsadm-listing.js';
import { describeService, formatEndpoint, keyOf, serviceKeyId } from './service-key.js';

type TableServer = { ip: IpAddress; port: number; weight: number; method: ForwardMethod; requestedPort: number | undefined };

type TableService = {
  key: ServiceKey;
  scheduler: string;
  persistence: Persistence | undefined;
  onePacket: boolean;
  servers: TableServer[];
  line: number;
  basis: OrderBasis;
  /** Built from -S/-R lines, whose order may be ipvsadm's sorted one. */
  fromSaveFormat: boolean;
};

export type IpvsTable = Map<string, TableService>;

const FLAG_OF: Readonly<Record<ForwardMethod, string>> = { dr: '-g', nat: '-m', tunnel: '-i' };

export function createTable(): IpvsTable {
  return new Map();
}

/**
 * `saveFormat`: the line had no `ipvsadm` in front (an -S dump or -R input), which states what
 * the table holds, so an entry that already exists is updated instead of refused.
 */
export function applyCommand(table: IpvsTable, command: IpvsadmCommand, line: number, saveFormat: boolean): LineMessage[] {
  const note = (message: string): LineMessage[] => [{ line, message }];
  if (command.kind === 'clear') {
    table.clear();
    return [];
  }
  if (command.kind === 'list' || command.kind === 'other') return [];
  const id = serviceKeyId(command.service);
  const service = table.get(id);
  const name = describeService(command.service);
  switch (command.kind) {
    case 'add-service':
      if (service !== undefined && !saveFormat) return note(`ipvsadm would refuse to add ${name}: it already exists`);
      if (service !== undefined) {
        service.scheduler = command.scheduler;
        service.persistence = command.persistence;
        service.onePacket = command.onePacket === true;
        return [];
      }
      table.set(id, {
        key: keyOf(command.service), scheduler: command.scheduler, persistence: command.persistence, onePacket: command.onePacket === true,
        servers: [], line, basis: 'added', fromSaveFormat: saveFormat,
      });
      return [];
    case 'edit-service':
      if (service === undefined) return note(`ipvsadm would refuse to edit ${name}: no such service`);
      service.scheduler = command.scheduler;
      service.persistence = command.persistence;
      service.onePacket = command.onePacket === true;
      return [];
    case 'delete-service':
      if (service === undefined) return note(`ipvsadm would refuse to delete ${name}: no such service`);
      table.delete(id);
      return [];
    default:
      break;
  }
  if (service === undefined) return note(`ipvsadm would refuse to change ${name}: no such service`);
  const server = command.server;
  const index = service.servers.findIndex((s) => s.ip === server.ip && s.port === server.port);
  const shown = formatEndpoint(server.ip, server.port);
  if (command.kind === 'delete-server') {
    if (index < 0) return note(`ipvsadm would refuse to delete ${shown} from ${name}: no such real server`);
    service.servers.splice(index, 1);
    return [];
  }
  const notes = portNote(server, command.method, line);
  const entry: TableServer = {
    ip: server.ip, port: server.port, weight: command.weight, method: command.method, requestedPort: server.requestedPort,
  };
  if (command.kind === 'add-server') {
    if (index >= 0 && !saveFormat) return note(`ipvsadm would refuse to add ${shown} to ${name}: it already exists`);
    if (index >= 0) service.servers[index] = entry;
    else service.servers.push(entry);
    return notes;
  }
  if (index < 0) return note(`ipvsadm would refuse to edit ${shown} in ${name}: no such real server`);
  service.servers[index] = entry;
  return notes;
}

function portNote(server: ServerSpec, method: ForwardMethod, line: number): LineMessage[] {
  if (server.requestedPort === undefined) return [];
  return [{
    line,
    message: `RS port ${server.requestedPort} differs from service port ${server.port}: ipvsadm stores ${server.port} for ${FLAG_OF[method]} ` +
      `(${method === 'dr' ? 'direct routing' : 'tunnelling'} cannot change ports; frames reach ${formatIp(server.ip)} on port ${server.port})`,
  }];
}

/** A listing states the table: it replaces what the listed services hold (all of it if complete). */
export function applyListing(table: IpvsTable, listing: Listing, nosort: boolean): void {
  if (listing.skipped) return;
  const before = new Map(table);
  if (listing.complete) table.clear();
  for (const listed of listing.services) {
    const id = serviceKeyId(listed.service);
    const known = before.get(id);
    const basis: OrderBasis = nosort || !isAscending(listed.servers) ? 'kernel' : 'sorted';
    const servers = listed.servers.map((s): TableServer => ({
      ip: s.ip, port: s.port, weight: s.weight, method: s.method,
      requestedPort: known?.servers.find((k) => k.ip === s.ip && k.port === s.port)?.requestedPort,
    }));
    // A sorted listing says nothing about order: keep the order commands established.
    const keepOrder = known !== undefined && basis === 'sorted' && sameMembers(known.servers, servers);
    table.set(id, {
      key: keyOf(listed.service),
      scheduler: listed.scheduler,
      persistence: listed.persistence,
      onePacket: listed.onePacket === true,
      servers: keepOrder ? known.servers.map((k) => servers.find((s) => s.ip === k.ip && s.port === k.port)!) : servers,
      line: known?.line ?? listed.line,
      basis: keepOrder ? known.basis : basis,
      fromSaveFormat: keepOrder ? known.fromSaveFormat : false,
    });
  }
}

export function tableServices(table: IpvsTable, file: string): ServiceConfig[] {
  return [...table.values()].map((s): ServiceConfig => {
    const basis = s.fromSaveFormat && s.basis === 'added' && s.servers.length > 1 && isAscending(s.servers) ? 'sorted' : s.basis;
    return {
      ...s.key,
      scheduler: s.scheduler,
      ...(s.persistence === undefined ? {} : { persistence: s.persistence }),
      ...(s.onePacket ? { onePacket: true } : {}),
      realServers: s.servers.map((rs, i) => ({
        ip: rs.ip, port: rs.port, weight: rs.weight, method: rs.method, order: i + 1,
        ...(rs.requestedPort === undefined ? {} : { requestedPort: rs.requestedPort }),
      })),
      source: `${file} line ${s.line}`,
      orderBasis: basis,
    };
  });
}

function sameMembers(a: readonly TableServer[], b: readonly TableServer[]): boolean {
  return a.length === b.length && a.every((x) => b.some((y) => x.ip === y.ip && x.port === y.port));
}

/** ipvsadm's default listing order: by address, then port (ipvs_cmp_dests). */
function isAscending(servers: readonly Pick<ListedServer, 'ip' | 'port'>[]): boolean {
  for (let i = 1; i < servers.length; i++) {
    const a = servers[i - 1]!, b = servers[i]!;
    const ka = addressSortKey(a.ip), kb = addressSortKey(b.ip);
    if (ka > kb || (ka === kb && a.port > b.port)) return false;
  }
  return true;
}

function addressSortKey(ip: IpAddress): string {
  if (isIpv4(ip)) return ip.toString(16).padStart(8, '0');
  // Expand the canonical text to 32 hex digits so string order is numeric order.
  const [head = '', tail = ''] = (parseIpv6(ip) ?? ip).split('::');
  const groups = (s: string): string[] => (s === '' ? [] : s.split(':'));
  const h = groups(head), t = groups(tail);
  const all = [...h, ...new Array<string>(8 - h.length - t.length).fill('0'), ...t];
  return all.map((g) => g.padStart(4, '0')).join('');
}
