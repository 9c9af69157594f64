// `address[:port]` as ipvsadm reads and prints it: `192.0.2.1:80`, `192.0.2.1`,
// `[2001:db8::1]:80`, or a bare IPv6 address (no port). Names are never resolved: a host
// name or a port name (`ds1:http`, what `ipvsadm -L` prints without -n) is an error.

import { type IpAddress, parseIpv4, parseIpv6 } from '../decode/addresses.js';
import type { Parsed } from './config-result.js';

export type Endpoint = { readonly ip: IpAddress; readonly port: number | undefined };

const NAMES_HINT = 'lvs-doctor does not resolve names; use numeric output (ipvsadm -n)';

export function parseEndpoint(text: string): Parsed<Endpoint> {
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    const ip = close > 0 ? parseIpv6(text.slice(1, close)) : undefined;
    if (ip === undefined) return { ok: false, message: `'${text}' is not an address` };
    const rest = text.slice(close + 1);
    if (rest === '') return { ok: true, value: { ip, port: undefined } };
    if (!rest.startsWith(':')) return { ok: false, message: `'${text}' is not an address[:port]` };
    return withPort(ip, rest.slice(1), text);
  }
  const v6 = parseIpv6(text);
  if (v6 !== undefined) return { ok: true, value: { ip: v6, port: undefined } };
  const colon = text.lastIndexOf(':');
  const host = colon < 0 ? text : text.slice(0, colon);
  const ip = parseIpv4(host);
  if (ip === undefined) {
    return { ok: false, message: looksLikeName(host) ? `'${host}' is a host name: ${NAMES_HINT}` : `'${text}' is not an address` };
  }
  return colon < 0 ? { ok: true, value: { ip, port: undefined } } : withPort(ip, text.slice(colon + 1), text);
}

function withPort(ip: IpAddress, portText: string, whole: string): Parsed<Endpoint> {
  const port = parsePort(portText);
  if (port.ok) return { ok: true, value: { ip, port: port.value } };
  return { ok: false, message: `'${whole}': ${port.message}` };
}

export function parsePort(text: string): Parsed<number> {
  if (/^\d{1,5}$/.test(text) && Number(text) <= 65535) return { ok: true, value: Number(text) };
  if (/^[a-z][\w-]*$/i.test(text)) return { ok: false, message: `port '${text}' is a service name: ${NAMES_HINT}` };
  return { ok: false, message: `'${text}' is not a port (0-65535)` };
}

/** An integer in [min, max] written in decimal, or undefined. */
export function parseInteger(text: string, min: number, max: number): number | undefined {
  if (!/^\d+$/.test(text)) return undefined;
  const n = Number(text);
  return n >= min && n <= max ? n : undefined;
}

function looksLikeName(text: string): boolean {
  return /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i.test(text) && /[a-z]/i.test(text);
}
