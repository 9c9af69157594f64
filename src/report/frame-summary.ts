import { formatIp, formatMac } from '../decode/addresses.js';
import { IPPROTO } from '../decode/constants.js';
import type { Frame, IpHeader } from '../decode/frame-types.js';
import { fragmentOf } from '../decode/fragment.js';

const TCP_FLAG_LETTERS: readonly [number, string][] = [
  [0x02, 'S'], [0x10, '.'], [0x01, 'F'], [0x04, 'R'], [0x08, 'P'], [0x20, 'U'], [0x40, 'E'], [0x80, 'W'],
];

function tcpFlagText(flags: number): string {
  let s = '';
  for (const [bit, letter] of TCP_FLAG_LETTERS) if (flags & bit) s += letter;
  return s || 'none';
}

/** ` frag OFFSET` (`+`: more fragments follow) for a fragment, as tcpdump's `offset N, flags [+]`; IPv6 adds the fragment id. */
function fragmentText(ip: IpHeader): string {
  const f = fragmentOf(ip);
  if (!f) return '';
  return `${ip.version === 6 ? ` id ${f.id}` : ''} frag ${f.offset}${f.moreFragments ? '+' : ''}`;
}

/** One line describing a frame as captured, tcpdump-style, for tables, evidence and journeys. */
export function summarizeFrame(frame: Frame): string {
  const f = frame.translatedFrom ?? frame;
  const inner = summarizeInner(f);
  const t = f.tunnel;
  // IP in IP: the outer header first, as tcpdump prints it.
  return t ? `${formatIp(t.src)} > ${formatIp(t.dst)} ${t.protocol === IPPROTO.GRE ? 'GRE' : 'IPIP'} ${t.version === 4 ? 'ttl' : 'hlim'} ${t.ttl}${fragmentText(t)}: ${inner}` : inner;
}

function summarizeInner(f: Frame): string {
  if (f.arp) {
    const a = f.arp;
    if (a.op === 1) return `ARP who-has ${formatIp(a.tpa)} tell ${formatIp(a.spa)}`;
    if (a.op === 2) return `ARP ${formatIp(a.spa)} is-at ${formatMac(a.sha)}`;
    return `ARP op ${a.op}`;
  }
  const ip = f.ip;
  if (!ip) return '';
  const l4 = f.l4;
  const ttl = (ip.version === 4 ? `ttl ${ip.ttl} id ${ip.id}` : `hlim ${ip.ttl}`) + fragmentText(ip);
  if (!l4) return `${formatIp(ip.src)} > ${formatIp(ip.dst)} proto ${ip.protocol} ${ttl}`;
  switch (l4.kind) {
    case 'tcp':
      return `${formatIp(ip.src)}:${l4.sport} > ${formatIp(ip.dst)}:${l4.dport} TCP [${tcpFlagText(l4.flags)}] seq ${l4.seq} ack ${l4.ack} len ${l4.payloadLength} ${ttl}`;
    case 'udp': {
      const sync = l4.ipvsSync ? ` IPVS sync syncid ${l4.ipvsSync.syncid} conns ${l4.ipvsSync.count}` : '';
      return `${formatIp(ip.src)}:${l4.sport} > ${formatIp(ip.dst)}:${l4.dport} UDP len ${l4.payloadLength}${sync} ${ttl}`;
    }
    case 'icmp':
    case 'icmpv6':
      return `${formatIp(ip.src)} > ${formatIp(ip.dst)} ${l4.kind.toUpperCase()} ${l4.type}/${l4.code} ${ttl}`;
    case 'vrrp':
      return `${formatIp(ip.src)} > ${formatIp(ip.dst)} VRRPv${l4.version} vrid ${l4.vrid} prio ${l4.priority} ${ttl}`;
  }
}

