// For the tests: unwrap a ConfigResult, and show addresses as text so expectations read like
// the configuration they come from.

import { formatIp, formatMac, type IpAddress, type Mac } from '../../src/decode/addresses.js';
import type { ConfigError, ConfigResult } from '../../src/config/config-result.js';

export function expectOk<T>(result: ConfigResult<T>): T {
  if (!result.ok) throw new Error(`expected ok, got errors:\n${result.errors.map(formatError).join('\n')}`);
  return result.value;
}

export function expectErrors<T>(result: ConfigResult<T>): readonly ConfigError[] {
  if (result.ok) throw new Error(`expected errors, got ${JSON.stringify(readable(result.value))}`);
  return result.errors;
}

export function formatError(e: ConfigError): string {
  return `${e.file}${e.line === undefined ? '' : `:${e.line}`}${e.path === undefined ? '' : ` ${e.path}`}: ${e.message}`;
}

const ADDRESS_KEYS = new Set(['ip', 'vip', 'unicastSrcIp']);
const ADDRESS_LIST_KEYS = new Set(['vips', 'unicastPeers']);

/** A deep copy with IPs and MACs formatted. */
export function readable(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (key, v: unknown) => {
    if (ADDRESS_KEYS.has(key) && v !== undefined) return formatIp(v as IpAddress);
    if (ADDRESS_LIST_KEYS.has(key)) return (v as IpAddress[]).map((ip) => formatIp(ip));
    if (key === 'mac' && typeof v === 'number') return formatMac(v as Mac);
    return v;
  }));
}
