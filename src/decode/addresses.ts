// Addresses are numbers (MAC: 48-bit integer, IPv4: unsigned 32-bit) so the per-packet
// path never builds strings; they are formatted only when a person or JSON needs them.
// IPv6 addresses are rarer on the hot path and kept as canonical RFC 5952 strings.

export type Mac = number & { readonly __brand: 'Mac' };
export type Ipv4 = number & { readonly __brand: 'Ipv4' };
export type Ipv6 = string & { readonly __brand: 'Ipv6' };
export type IpAddress = Ipv4 | Ipv6;

export const BROADCAST_MAC = 0xffffffffffff as Mac;
export const ZERO_MAC = 0 as Mac;

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Reads a MAC at `off` (caller has checked that 6 bytes are there). */
export function macAt(b: Uint8Array, off: number): Mac {
  return ((b[off]! * 0x10000 + b[off + 1]! * 0x100 + b[off + 2]!) * 0x1000000 +
    (b[off + 3]! * 0x10000 + b[off + 4]! * 0x100 + b[off + 5]!)) as Mac;
}

/** Reads an IPv4 address at `off` (caller has checked that 4 bytes are there). */
export function ipv4At(b: Uint8Array, off: number): Ipv4 {
  return ((b[off]! << 24) | (b[off + 1]! << 16) | (b[off + 2]! << 8) | b[off + 3]!) >>> 0 as Ipv4;
}

/** Reads an IPv6 address at `off` as its canonical text (caller has checked 16 bytes). */
export function ipv6At(b: Uint8Array, off: number): Ipv6 {
  const words: number[] = [];
  for (let i = 0; i < 8; i++) words.push((b[off + 2 * i]! << 8) | b[off + 2 * i + 1]!);
  return formatIpv6Words(words);
}

function formatIpv6Words(words: readonly number[]): Ipv6 {
  // RFC 5952: compress the longest run (≥ 2) of zero words, the first one on a tie.
  let bestStart = -1, bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (words[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) { bestStart = i; bestLen = j - i; }
    i = j;
  }
  const hex = words.map((w) => w.toString(16));
  if (bestStart < 0) return hex.join(':') as Ipv6;
  const head = hex.slice(0, bestStart).join(':');
  const tail = hex.slice(bestStart + bestLen).join(':');
  return `${head}::${tail}` as Ipv6;
}

export function formatMac(mac: Mac): string {
  const hi = Math.floor(mac / 0x1000000), lo = mac % 0x1000000;
  return `${HEX[(hi >>> 16) & 0xff]}:${HEX[(hi >>> 8) & 0xff]}:${HEX[hi & 0xff]}:` +
    `${HEX[(lo >>> 16) & 0xff]}:${HEX[(lo >>> 8) & 0xff]}:${HEX[lo & 0xff]}`;
}

export function formatIpv4(ip: Ipv4): string {
  return `${ip >>> 24}.${(ip >>> 16) & 0xff}.${(ip >>> 8) & 0xff}.${ip & 0xff}`;
}

export function formatIp(ip: IpAddress): string {
  return typeof ip === 'number' ? formatIpv4(ip) : ip;
}

export function isIpv4(ip: IpAddress): ip is Ipv4 {
  return typeof ip === 'number';
}

const IPV4_LIMITED_BROADCAST = 0xffffffff;

/** A destination for a group, not one host: IPv4 multicast (224.0.0.0/4) or limited broadcast, IPv6 multicast (ff00::/8). */
export function isGroupAddress(ip: IpAddress): boolean {
  if (typeof ip === 'number') return ip >>> 28 === 0xe || ip === IPV4_LIMITED_BROADCAST;
  return ip.startsWith('ff');
}

export function parseMac(text: string): Mac | undefined {
  const m = /^([0-9a-f]{2})[:-]([0-9a-f]{2})[:-]([0-9a-f]{2})[:-]([0-9a-f]{2})[:-]([0-9a-f]{2})[:-]([0-9a-f]{2})$/i.exec(text.trim());
  if (!m) return undefined;
  let v = 0;
  for (let i = 1; i <= 6; i++) v = v * 256 + parseInt(m[i]!, 16);
  return v as Mac;
}

export function parseIpv4(text: string): Ipv4 | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text.trim());
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return undefined;
  return ((parts[0]! << 24) | (parts[1]! << 16) | (parts[2]! << 8) | parts[3]!) >>> 0 as Ipv4;
}

export function parseIpv6(text: string): Ipv6 | undefined {
  let t = text.trim().toLowerCase();
  if (t.startsWith('[') && t.endsWith(']')) t = t.slice(1, -1);
  const dotted = /^(.*:)(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})$/.exec(t);
  if (dotted) {
    // An embedded IPv4 tail (::ffff:192.0.2.1) becomes two hex groups.
    const v4 = parseIpv4(dotted[2]!);
    if (v4 === undefined) return undefined;
    t = `${dotted[1]}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  if (!/^[0-9a-f:]+$/.test(t)) return undefined;
  const halves = t.split('::');
  if (halves.length > 2) return undefined;
  const groups = (s: string) => (s === '' ? [] : s.split(':'));
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  if ([...head, ...tail].some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return undefined;
  const given = head.length + tail.length;
  if (halves.length === 1 ? given !== 8 : given > 7) return undefined;
  const words = [...head, ...new Array<string>(8 - given).fill('0'), ...tail].map((g) => parseInt(g, 16));
  return formatIpv6Words(words);
}

export function parseIp(text: string): IpAddress | undefined {
  return parseIpv4(text) ?? parseIpv6(text);
}
