// The table `ipvsadm -Ln` prints, read as a stream of words so that a table pasted with its
// line breaks lost (everything on one line) reads the same as the original:
//
//   IP Virtual Server version 1.2.1 (size=4096)
//   Prot LocalAddress:Port Scheduler Flags
//     -> RemoteAddress:Port           Forward Weight ActiveConn InActConn
//   TCP  192.168.237.141:80 wrr persistent 300 mask 255.255.255.0
//     -> 192.168.237.171:80            Route   1      0          5
//   FWM  1 IPv6 rr
//
// Only the default columns are read; --stats/--rate/--thresholds tables are skipped.

import type { IpAddress } from '../decode/addresses.js';
import type { LineMessage } from './config-result.js';
import type { ForwardMethod, Persistence, ServiceKey } from './deployment.js';
import { parseEndpoint, parseInteger } from './endpoint.js';
import { IPVSADM_DEFAULT_PERSISTENCE_SECONDS, normaliseNetmask } from './ipvsadm-command.js';

export type Word = { readonly text: string; readonly line: number };

export type ListedServer = {
  readonly ip: IpAddress;
  readonly port: number;
  readonly method: ForwardMethod;
  readonly weight: number;
  readonly line: number;
};

export type ListedService = {
  readonly service: ServiceKey;
  readonly scheduler: string;
  readonly persistence: Persistence | undefined;
  /** The `ops` flag (one-packet scheduling), only when listed. */
  readonly onePacket?: true;
  readonly servers: readonly ListedServer[];
  readonly line: number;
};

export type Listing = {
  /** It began with the "IP Virtual Server version" banner, so it lists every service. */
  readonly complete: boolean;
  /** Columns other than the default ones: the rows were not read. */
  readonly skipped: boolean;
  readonly services: readonly ListedService[];
};

const FORWARD_NAMES: Readonly<Record<string, ForwardMethod>> = { Route: 'dr', Local: 'dr', Masq: 'nat', Tunnel: 'tunnel' };
const DEFAULT_COLUMNS = 'Forward Weight ActiveConn InActConn';
const ROW_STARTS = new Set(['TCP', 'UDP', 'SCTP', 'FWM', '->', 'IP', 'Prot']);

/**
 * True when a line (or what follows a prompt) is part of such a table. Rows must show an
 * address:port (or a mark) so that prose such as "TCP connections are …" is not taken for one.
 */
export function startsListing(text: string): boolean {
  return /^(IP Virtual Server version\b|Prot LocalAddress:Port\b|->\s+\S*:|(TCP|UDP|SCTP)\s+\S*:|FWM\s+\d)/.test(text);
}

export function parseListing(words: readonly Word[]): { listing: Listing; errors: LineMessage[]; notes: LineMessage[] } {
  const errors: LineMessage[] = [];
  const notes: LineMessage[] = [];
  const services: { service: ServiceKey; scheduler: string; persistence: Persistence | undefined; onePacket?: true; servers: ListedServer[]; line: number }[] = [];
  let complete = false;
  let skipped = false;
  let serviceRowFailed = false;
  let i = 0;
  const at = (k: number): Word | undefined => words[k];
  const fail = (word: Word, message: string): void => {
    if (message !== '') errors.push({ line: word.line, message });
    // Resynchronise at the next row.
    i++;
    while (i < words.length && !ROW_STARTS.has(words[i]!.text)) i++;
  };

  while (i < words.length) {
    const word = words[i]!;
    if (word.text === 'IP' && at(i + 1)?.text === 'Virtual' && at(i + 2)?.text === 'Server') {
      complete = true;
      i += 3;
      while (i < words.length && !ROW_STARTS.has(words[i]!.text)) i++;
    } else if (word.text === 'Prot') {
      i++;
      while (i < words.length && !ROW_STARTS.has(words[i]!.text)) i++;
    } else if (word.text === '->' && at(i + 1)?.text === 'RemoteAddress:Port') {
      const columns: string[] = [];
      i += 2;
      while (i < words.length && !ROW_STARTS.has(words[i]!.text)) columns.push(words[i++]!.text);
      if (columns.join(' ') !== DEFAULT_COLUMNS) skipped = true;
    } else if (skipped) {
      i++;
    } else if (word.text === '->') {
      const current = services[services.length - 1];
      if (current === undefined || serviceRowFailed) {
        // Under a service row that could not be read, report only the row's own address problem.
        const target = parseEndpoint(at(i + 1)?.text ?? '');
        if (!serviceRowFailed) fail(word, 'real server row before any virtual service row');
        else fail(word, target.ok ? '' : target.message);
        continue;
      }
      const row = readServerRow(words, i, current.service);
      if (typeof row === 'string') {
        fail(word, row);
        continue;
      }
      current.servers.push(row.server);
      if (row.note !== undefined) notes.push({ line: word.line, message: row.note });
      i += 6;
    } else if (word.text === 'TCP' || word.text === 'UDP' || word.text === 'SCTP' || word.text === 'FWM') {
      const row = readServiceRow(words, i);
      serviceRowFailed = typeof row === 'string';
      if (typeof row === 'string') {
        fail(word, row);
        continue;
      }
      services.push({ ...row.service, servers: [], line: word.line });
      i = row.next;
    } else {
      fail(word, `unexpected '${word.text}' in ipvsadm -L output`);
    }
  }
  if (skipped) notes.push({ line: words[0]?.line ?? 0, message: 'ipvsadm listing with statistics or threshold columns ignored; use ipvsadm -Ln' });
  return { listing: { complete, skipped, services: skipped ? [] : services }, errors, notes };
}

function readServiceRow(
  words: readonly Word[],
  start: number,
): { service: Omit<ListedService, 'servers' | 'line'>; next: number } | string {
  const head = words[start]!.text;
  let i = start + 1;
  let service: ServiceKey;
  const target = words[i]?.text;
  if (target === undefined) return `${head} row without an address`;
  if (head === 'FWM') {
    const fwmark = parseInteger(target, 1, 0xffffffff);
    if (fwmark === undefined) return `'${target}' is not a firewall mark`;
    i++;
    const ipv6 = words[i]?.text === 'IPv6';
    if (ipv6) i++;
    service = ipv6 ? { protocol: 'fwmark', fwmark, ipv6 } : { protocol: 'fwmark', fwmark };
  } else {
    const endpoint = parseEndpoint(target);
    if (!endpoint.ok) return endpoint.message;
    if (endpoint.value.port === undefined) return `'${target}' has no port`;
    service = { protocol: head === 'TCP' ? 'tcp' : head === 'UDP' ? 'udp' : 'sctp', vip: endpoint.value.ip, port: endpoint.value.port };
    i++;
  }
  const scheduler = words[i]?.text;
  if (scheduler === undefined || !/^[a-z][a-z0-9_]*$/.test(scheduler)) {
    return `expected a scheduler after '${target}', found '${scheduler ?? 'end of line'}'`;
  }
  i++;
  let persistence: Persistence | undefined;
  let onePacket = false;
  while (i < words.length && !ROW_STARTS.has(words[i]!.text)) {
    const flag = words[i]!.text;
    const value = words[i + 1]?.text;
    if (flag === 'persistent') {
      const timeoutSeconds = value === undefined ? undefined : parseInteger(value, 1, 86400 * 31);
      if (timeoutSeconds === undefined) return `'persistent' needs a timeout, found '${value ?? 'end of line'}'`;
      persistence = { timeoutSeconds };
      i += 2;
    } else if (flag === 'mask' && value !== undefined) {
      const mask = normaliseNetmask(value, service);
      if (!mask.ok) return mask.message;
      persistence = { timeoutSeconds: persistence?.timeoutSeconds ?? IPVSADM_DEFAULT_PERSISTENCE_SECONDS, ...(mask.value === undefined ? {} : { netmask: mask.value }) };
      i += 2;
    } else if (flag === 'pe' && value !== undefined) {
      i += 2;
    } else if (flag === 'ops') {
      onePacket = true;
      i++;
    } else if (/^\(.*\)$/.test(flag)) {
      i++;
    } else {
      return `unexpected '${flag}' after the scheduler`;
    }
  }
  return { service: { service, scheduler, persistence, ...(onePacket ? { onePacket: true as const } : {}) }, next: i };
}

function readServerRow(
  words: readonly Word[],
  start: number,
  service: ServiceKey,
): { server: ListedServer; note: string | undefined } | string {
  const [, target, forward, weight, active, inactive] = words.slice(start, start + 6).map((w) => w.text);
  if (target === undefined) return 'real server row without an address';
  const endpoint = parseEndpoint(target);
  if (!endpoint.ok) return endpoint.message;
  if (endpoint.value.port === undefined) return `'${target}' has no port`;
  const method = forward === undefined ? undefined : FORWARD_NAMES[forward];
  if (method === undefined) return `expected Route, Masq, Tunnel or Local after '${target}', found '${forward ?? 'end of line'}' (only the default ipvsadm -Ln columns are read)`;
  const weightValue = weight === undefined ? undefined : parseInteger(weight, 0, 65535);
  if (weightValue === undefined || active === undefined || !/^\d+$/.test(active) || inactive === undefined || !/^\d+$/.test(inactive)) {
    return `expected weight, active and inactive connection counts after '${forward}'`;
  }
  const server: ListedServer = { ip: endpoint.value.ip, port: endpoint.value.port, method, weight: weightValue, line: words[start]!.line };
  let note: string | undefined;
  if (forward === 'Local') note = `real server ${target} is local to the director (ipvsadm shows Local)`;
  else if (method !== 'nat' && service.protocol !== 'fwmark' && server.port !== service.port) {
    note = `real server ${target} is stored with port ${server.port} but ${forward} forwarding keeps the destination port: frames reach it on ${service.port}`;
  }
  return { server, note };
}
