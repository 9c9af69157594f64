// What a DR director changed in a packet besides the MACs, TTL and IPv4 header checksum.

import { formatIp } from '../../decode/addresses.js';
import type { Frame } from '../../decode/frame-types.js';
import type { PacketHashes } from '../../correlate/packet-hash.js';

export type HeaderChange = { readonly field: string; readonly before: string; readonly after: string };

const NO_CHANGES: readonly HeaderChange[] = Object.freeze([]);

function add(list: HeaderChange[] | undefined, field: string, before: string, after: string): HeaderChange[] {
  const l = list ?? [];
  l.push({ field, before, after });
  return l;
}

/**
 * `checksumsComparable`: false when the received copy was captured on the host that sent it,
 * where checksum offload leaves the TCP/UDP checksum for the NIC to fill in: that checksum,
 * and the packet-bytes hash that covers it, then say nothing about the director.
 */
export function headerChanges(inF: Frame, inH: PacketHashes, outF: Frame, outH: PacketHashes, checksumsComparable = true): readonly HeaderChange[] {
  const a = inF.ip!, b = outF.ip!;
  // Runs for every forwarded packet and almost always finds nothing: the list is allocated
  // only when something differs, and no closure is made per call.
  let changes: HeaderChange[] | undefined;
  // Addresses are compared as numbers/strings and formatted only when they differ.
  if (a.dst !== b.dst) changes = add(changes, 'destination address', formatIp(a.dst), formatIp(b.dst));
  if (a.src !== b.src) changes = add(changes, 'source address', formatIp(a.src), formatIp(b.src));
  const ttlDrop = a.ttl - b.ttl;
  if (ttlDrop !== 0 && ttlDrop !== 1) changes = add(changes, a.version === 4 ? 'TTL' : 'hop limit', String(a.ttl), String(b.ttl));
  if (a.version === 4 && b.version === 4) {
    if (a.tos !== b.tos) changes = add(changes, 'TOS', String(a.tos), String(b.tos));
    if (a.id !== b.id) changes = add(changes, 'IP ID', String(a.id), String(b.id));
    if (a.dontFragment !== b.dontFragment) changes = add(changes, 'DF flag', String(a.dontFragment), String(b.dontFragment));
    if (a.optionsLength !== b.optionsLength) changes = add(changes, 'IP options length', String(a.optionsLength), String(b.optionsLength));
    if (outH.ipChecksumOk === false) changes = add(changes, 'IPv4 header checksum', 'valid', 'invalid');
  } else if (a.version === 6 && b.version === 6) {
    if (a.trafficClass !== b.trafficClass) changes = add(changes, 'traffic class', String(a.trafficClass), String(b.trafficClass));
    if (a.flowLabel !== b.flowLabel) changes = add(changes, 'flow label', String(a.flowLabel), String(b.flowLabel));
  }
  const l4a = inF.l4, l4b = outF.l4;
  if (l4a && l4b && l4a.kind === l4b.kind && (l4a.kind === 'tcp' || l4a.kind === 'udp') && (l4b.kind === 'tcp' || l4b.kind === 'udp')) {
    if (l4a.dport !== l4b.dport) changes = add(changes, 'destination port', String(l4a.dport), String(l4b.dport));
    if (l4a.sport !== l4b.sport) changes = add(changes, 'source port', String(l4a.sport), String(l4b.sport));
    if (checksumsComparable && l4a.checksum !== l4b.checksum) changes = add(changes, `${l4a.kind.toUpperCase()} checksum`, String(l4a.checksum), String(l4b.checksum));
    if (l4a.kind === 'tcp' && l4b.kind === 'tcp' && l4a.window !== l4b.window) changes = add(changes, 'TCP window', String(l4a.window), String(l4b.window));
  }
  if (changes === undefined && checksumsComparable && inH.invariantSpan === outH.invariantSpan && inH.invariant !== outH.invariant) {
    changes = add(changes, 'packet bytes', 'as received', 'different');
  }
  return changes ?? NO_CHANGES;
}
