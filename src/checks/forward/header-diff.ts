// What a DR director changed in a packet besides the MACs, TTL and IPv4 header checksum.

import { formatIp } from '../../decode/addresses.js';
import type { Frame } from '../../decode/frame-types.js';
import type { PacketHashes } from '../../correlate/packet-hash.js';

export type HeaderChange = { readonly field: string; readonly before: string; readonly after: string };

export function headerChanges(inF: Frame, inH: PacketHashes, outF: Frame, outH: PacketHashes): HeaderChange[] {
  const a = inF.ip!, b = outF.ip!;
  const changes: HeaderChange[] = [];
  const cmp = (field: string, x: string | number, y: string | number) => { if (x !== y) changes.push({ field, before: String(x), after: String(y) }); };
  // Addresses are compared as numbers/strings and formatted only when they differ.
  if (a.dst !== b.dst) changes.push({ field: 'destination address', before: formatIp(a.dst), after: formatIp(b.dst) });
  if (a.src !== b.src) changes.push({ field: 'source address', before: formatIp(a.src), after: formatIp(b.src) });
  const ttlDrop = a.ttl - b.ttl;
  if (ttlDrop !== 0 && ttlDrop !== 1) changes.push({ field: a.version === 4 ? 'TTL' : 'hop limit', before: String(a.ttl), after: String(b.ttl) });
  if (a.version === 4 && b.version === 4) {
    cmp('TOS', a.tos, b.tos);
    cmp('IP ID', a.id, b.id);
    cmp('DF flag', String(a.dontFragment), String(b.dontFragment));
    cmp('IP options length', a.optionsLength, b.optionsLength);
    if (outH.ipChecksumOk === false) changes.push({ field: 'IPv4 header checksum', before: 'valid', after: 'invalid' });
  } else if (a.version === 6 && b.version === 6) {
    cmp('traffic class', a.trafficClass, b.trafficClass);
    cmp('flow label', a.flowLabel, b.flowLabel);
  }
  const l4a = inF.l4, l4b = outF.l4;
  if (l4a && l4b && l4a.kind === l4b.kind && (l4a.kind === 'tcp' || l4a.kind === 'udp') && (l4b.kind === 'tcp' || l4b.kind === 'udp')) {
    cmp('destination port', l4a.dport, l4b.dport);
    cmp('source port', l4a.sport, l4b.sport);
    cmp(`${l4a.kind.toUpperCase()} checksum`, l4a.checksum, l4b.checksum);
    if (l4a.kind === 'tcp' && l4b.kind === 'tcp') cmp('TCP window', l4a.window, l4b.window);
  }
  if (changes.length === 0 && inH.invariantSpan === outH.invariantSpan && inH.invariant !== outH.invariant) {
    changes.push({ field: 'packet bytes', before: 'as received', after: 'different' });
  }
  return changes;
}
