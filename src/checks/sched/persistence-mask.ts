import type { IpAddress } from '../../decode/addresses.js';

/** The client network a persistence template covers: CIP & netmask (-M, default /32 or /128). */
export function clientGroupOf(ip: IpAddress, netmask: string | undefined): string {
  if (typeof ip !== 'number' || netmask === undefined) return String(ip);
  const parts = netmask.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !(p >= 0 && p <= 255))) return String(ip);
  const mask = ((parts[0]! << 24) | (parts[1]! << 16) | (parts[2]! << 8) | parts[3]!) >>> 0;
  return String((ip & mask) >>> 0);
}
