// Identity and display of a virtual service: the triple (protocol, VIP, port), or a
// firewall mark. IPVS keys services the same way, so two inputs naming the same key
// describe the same kernel object.

import { formatIp, type IpAddress, isIpv4 } from '../decode/addresses.js';
import type { ServiceKey } from './deployment.js';

/** A string that is equal for equal keys; for maps and comparisons. */
export function serviceKeyId(key: ServiceKey): string {
  if (key.protocol === 'fwmark') return `fwmark/${key.fwmark}${key.ipv6 === true ? '/6' : ''}`;
  return `${key.protocol}/${formatIp(key.vip)}/${key.port}`;
}

/** "tcp 192.0.2.1:80", "tcp [2001:db8::1]:80", "fwmark 1". */
export function describeService(key: ServiceKey): string {
  if (key.protocol === 'fwmark') return `fwmark ${key.fwmark}${key.ipv6 === true ? ' (IPv6)' : ''}`;
  return `${key.protocol} ${formatEndpoint(key.vip, key.port)}`;
}

export function formatEndpoint(ip: IpAddress, port: number): string {
  return isIpv4(ip) ? `${formatIp(ip)}:${port}` : `[${ip}]:${port}`;
}

/** Just the key fields of a service, whatever else the object carries. */
export function keyOf(key: ServiceKey): ServiceKey {
  return key.protocol === 'fwmark'
    ? { protocol: 'fwmark', fwmark: key.fwmark, ...(key.ipv6 === true ? { ipv6: true } : {}) }
    : { protocol: key.protocol, vip: key.vip, port: key.port };
}
