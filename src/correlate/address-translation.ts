// Address translation between a capture and the director: a client behind a NAT router (its
// capture shows its private address, the director the router's public one), or a firewall that
// forwards a public address and port to the VIP. The same packet then differs in addresses
// and ports across vantage points, and its identity (which covers the source) does not pair.
//
// The translation is learnt from the warm-up: a packet of a VIP's flow seen at the director or a
// real server is found in another capture by what no NAT changes (IPv4 ID, TCP sequence and
// acknowledgement numbers, flags, payload length); where its client or service end differs,
// that capture's end maps to the director's. The capture's VIP flows are then correlated with
// the director's addresses; evidence still shows each frame as captured (Frame.translatedFrom).

import { formatIp, type IpAddress } from '../decode/addresses.js';
import type { Frame, TcpSegment, UdpDatagram } from '../decode/frame-types.js';
import { finish, mix, transportIdentity } from './packet-hash.js';
import { sightingRecord, type Sighting } from './sighting.js';
import type { TopologyView } from './topology.js';
import type { AddressTranslationJson, Role } from '../report/report-types.js';

export type Endpoint = { readonly ip: IpAddress; readonly port: number };

/** One end of a flow as the capture shows it and as the director's side shows it. */
export type TranslatedEnd = {
  /** The client's end (source NAT) or the service's (destination NAT, a port forward). */
  readonly side: 'client' | 'service';
  readonly protocol: 'tcp' | 'udp';
  readonly inside: Endpoint;
  readonly outside: Endpoint;
};

export type AddressTranslation = {
  readonly capture: number;
  /** For the report: each client address and where it appears beyond the NAT, and each forwarded service end. */
  readonly summary: readonly AddressTranslationJson[];
  /** The sighting with the director side's addresses when it belongs to a VIP's flow; `s` itself otherwise. */
  translate(s: Sighting): Sighting;
};

/** Roles whose captures show the addresses the director works with. */
const REFERENCE_ROLES: readonly Role[] = ['director', 'real-server'];

type Transport = TcpSegment | UdpDatagram;

function transportOf(f: Frame): Transport | undefined {
  const l4 = f.l4;
  return f.tunnel === undefined && (l4?.kind === 'tcp' || l4?.kind === 'udp') ? l4 : undefined;
}

/**
 * A hash of what a NAT leaves alone. UDP only over IPv4 with an IP ID: an IPv6 datagram, or
 * one Linux sent with DF from an unconnected socket (ID 0), has nothing but its length.
 */
function untranslatedKey(f: Frame, l4: Transport): number | undefined {
  const ip = f.ip!;
  if (l4.kind === 'udp' && (ip.version !== 4 || ip.id === 0)) return undefined;
  let h = mix(mix(0x2f1c3b5d, ip.version), ip.protocol);
  if (ip.version === 4) h = mix(mix(h, ip.id), ip.fragmentOffset);
  if (l4.kind === 'tcp') h = mix(mix(mix(h, l4.seq), l4.ack), l4.flags);
  return finish(mix(h, l4.payloadLength));
}

function sameUntranslated(a: Frame, b: Frame): boolean {
  const ipA = a.ip!, ipB = b.ip!, la = a.l4 as Transport, lb = b.l4 as Transport;
  if (ipA.version !== ipB.version || ipA.protocol !== ipB.protocol || la.kind !== lb.kind || la.payloadLength !== lb.payloadLength) return false;
  if (ipA.version === 4 && ipB.version === 4 && (ipA.id !== ipB.id || ipA.fragmentOffset !== ipB.fragmentOffset)) return false;
  return la.kind !== 'tcp' || (lb.kind === 'tcp' && la.seq === lb.seq && la.ack === lb.ack && la.flags === lb.flags);
}

function endKey(protocol: string, ip: IpAddress, port: number): string {
  return `${protocol}|${ip}|${port}`;
}

function sameEnd(a: Endpoint, b: Endpoint): boolean {
  return a.ip === b.ip && a.port === b.port;
}

/**
 * The translations of the captures whose VIP flows show other addresses than the director's
 * and real servers' captures (`batches`: each capture's warm-up); undefined for every other
 * capture. A capture taken on the NAT device itself holds both sides: its inside copies are
 * translated like any other, and then pair with its outside ones as a router's copies on two
 * interfaces do.
 */
export function learnAddressTranslations(
  batches: readonly (readonly (readonly Sighting[])[])[], roles: readonly Role[], topology: TopologyView,
): (AddressTranslation | undefined)[] {
  const none = batches.map(() => undefined);
  if (roles.every((r) => REFERENCE_ROLES.includes(r)) || !roles.some((r) => REFERENCE_ROLES.includes(r))) return none;
  // The other captures are indexed and the director side's VIP packets looked up in them.
  const indexes = batches.map((list, capture) => (REFERENCE_ROLES.includes(roles[capture]!) ? undefined : untranslatedIndex(list)));
  const matches = new Map<Sighting, Match>();
  batches.forEach((list, capture) => {
    if (indexes[capture] !== undefined) return;
    for (const batch of list) {
      for (const r of batch) {
        const l4 = transportOf(r.frame);
        if (!l4) continue;
        const request = topology.isVip(r.frame.ip!.dst);
        if (!request && !topology.isVip(r.frame.ip!.src)) continue;
        const key = untranslatedKey(r.frame, l4);
        if (key === undefined) continue;
        for (const index of indexes) {
          const found = index?.get(key);
          if (found === undefined) continue;
          if (!Array.isArray(found)) noteMatch(matches, found, r, request);
          else for (const s of found) noteMatch(matches, s, r, request);
        }
      }
    }
  });
  return endsByCapture(matches, batches.length).map((e, capture) => (e.size > 0 ? translationOf(capture, e, topology) : undefined));
}

/** What the director side showed of one packet of another capture. */
type Match = { readonly r: Sighting; readonly request: boolean; same: boolean; conflict: boolean };

function noteMatch(matches: Map<Sighting, Match>, s: Sighting, r: Sighting, request: boolean): void {
  if (!sameUntranslated(s.frame, r.frame)) return;
  const same = sameAddresses(s.frame, r.frame);
  const known = matches.get(s);
  if (!known) { matches.set(s, { r, request, same, conflict: false }); return; }
  // Its own copy at the director says it was not translated; two other packets that agree in
  // what a NAT leaves alone say nothing.
  if (same) known.same = true;
  else if (!sameAddresses(known.r.frame, r.frame)) known.conflict = true;
}

/**
 * The ends each capture shows translated: from packets whose only director-side copies differ
 * in addresses, an end that always maps to one outside end. A UDP end needs a second packet
 * to agree, on it or on its address (another port of the same client): an IPv4 ID and a
 * length can meet another datagram's.
 */
function endsByCapture(matches: ReadonlyMap<Sighting, Match>, captures: number): Map<string, TranslatedEnd>[] {
  const votes = Array.from({ length: captures }, () => new Map<string, { end: TranslatedEnd; count: number; conflict: boolean }>());
  for (const [s, m] of matches) {
    if (m.same || m.conflict) continue;
    for (const end of endsOf(s, m.r, m.request)) {
      const k = endKey(end.protocol, end.inside.ip, end.inside.port);
      const vote = votes[s.capture]!.get(k);
      if (!vote) votes[s.capture]!.set(k, { end, count: 1, conflict: false });
      else if (sameEnd(vote.end.outside, end.outside)) vote.count++;
      else vote.conflict = true;
    }
  }
  return votes.map((v) => {
    const kept = [...v.values()].filter((x) => !x.conflict);
    const byAddress = new Map<string, number>();
    const addressOf = (e: TranslatedEnd) => `${e.side}|${e.inside.ip}>${e.outside.ip}`;
    for (const x of kept) byAddress.set(addressOf(x.end), (byAddress.get(addressOf(x.end)) ?? 0) + x.count);
    const agreed = kept.filter((x) => x.end.protocol === 'tcp' || byAddress.get(addressOf(x.end))! >= 2);
    return new Map(agreed.map((x) => [endKey(x.end.protocol, x.end.inside.ip, x.end.inside.port), x.end]));
  });
}

function sameAddresses(a: Frame, b: Frame): boolean {
  const la = a.l4 as Transport, lb = b.l4 as Transport;
  return a.ip!.src === b.ip!.src && a.ip!.dst === b.ip!.dst && la.sport === lb.sport && la.dport === lb.dport;
}

/** A capture's TCP and UDP sightings by what a NAT leaves alone (several where it holds a packet more than once). */
function untranslatedIndex(list: readonly (readonly Sighting[])[]): Map<number, Sighting | Sighting[]> {
  const index = new Map<number, Sighting | Sighting[]>();
  for (const batch of list) {
    for (const s of batch) {
      const l4 = transportOf(s.frame);
      const key = l4 && untranslatedKey(s.frame, l4);
      if (key === undefined) continue;
      const known = index.get(key);
      if (known === undefined) index.set(key, s);
      else if (Array.isArray(known)) known.push(s);
      else index.set(key, [known, s]);
    }
  }
  return index;
}

/** The ends of `s` (as its capture shows them) that differ from those of `r`, the director side's copy. */
function endsOf(s: Sighting, r: Sighting, request: boolean): TranslatedEnd[] {
  const l4 = s.frame.l4 as Transport, rl4 = r.frame.l4 as Transport, ip = s.frame.ip!, rip = r.frame.ip!;
  const client = request ? { ip: ip.src, port: l4.sport } : { ip: ip.dst, port: l4.dport };
  const clientOut = request ? { ip: rip.src, port: rl4.sport } : { ip: rip.dst, port: rl4.dport };
  const service = request ? { ip: ip.dst, port: l4.dport } : { ip: ip.src, port: l4.sport };
  const serviceOut = request ? { ip: rip.dst, port: rl4.dport } : { ip: rip.src, port: rl4.sport };
  const ends: TranslatedEnd[] = [];
  if (!sameEnd(client, clientOut)) ends.push({ side: 'client', protocol: l4.kind, inside: client, outside: clientOut });
  if (!sameEnd(service, serviceOut)) ends.push({ side: 'service', protocol: l4.kind, inside: service, outside: serviceOut });
  return ends;
}

function translationOf(capture: number, ends: ReadonlyMap<string, TranslatedEnd>, topology: TopologyView): AddressTranslation {
  const addresses = portKeepingAddresses(ends.values());
  // Looked up for every packet of the capture: by address, then by port and protocol as one number, no string per packet.
  const portKey = (protocol: string, port: number) => port * 2 + (protocol === 'udp' ? 1 : 0);
  const byAddress = new Map<IpAddress, Map<number, Endpoint>>();
  for (const e of ends.values()) {
    let ports = byAddress.get(e.inside.ip);
    if (!ports) byAddress.set(e.inside.ip, (ports = new Map()));
    ports.set(portKey(e.protocol, e.inside.port), e.outside);
  }
  const outsideOf = (protocol: string, ip: IpAddress, port: number): Endpoint | undefined => {
    const end = byAddress.get(ip)?.get(portKey(protocol, port));
    if (end) return end;
    const address = addresses.get(ip);
    return address === undefined ? undefined : { ip: address, port };
  };
  return {
    capture,
    summary: summarize(ends.values()),
    translate(s) {
      const f = s.frame, l4 = transportOf(f);
      if (!l4) return s;
      const ip = f.ip!;
      const src = outsideOf(l4.kind, ip.src, l4.sport), dst = outsideOf(l4.kind, ip.dst, l4.dport);
      if (!src && !dst) return s;
      // Only a VIP's flows: the capture's other traffic keeps the addresses it has.
      if (!topology.isVip(dst?.ip ?? ip.dst) && !topology.isVip(src?.ip ?? ip.src)) return s;
      const frame = withEndpoints(f, l4, src ?? { ip: ip.src, port: l4.sport }, dst ?? { ip: ip.dst, port: l4.dport });
      return sightingRecord(s.capture, frame, s.t, transportIdentity(frame), 0, 0, s.ipChecksumOk);
    },
  };
}

function endText(e: Endpoint): string {
  return typeof e.ip === 'string' ? `[${formatIp(e.ip)}]:${e.port}` : `${formatIp(e.ip)}:${e.port}`;
}

/** Client addresses with where they appear beyond the NAT, and every forwarded service end. */
function summarize(ends: Iterable<TranslatedEnd>): AddressTranslationJson[] {
  const clients = new Map<string, { captured: string; director: string; portsKept: boolean }>();
  const services = new Map<string, AddressTranslationJson>();
  for (const e of ends) {
    if (e.side === 'service') {
      const item = { kind: 'destination' as const, captured: endText(e.inside), director: endText(e.outside) };
      services.set(`${item.captured}>${item.director}`, item);
      continue;
    }
    const captured = formatIp(e.inside.ip), director = formatIp(e.outside.ip), key = `${captured}>${director}`;
    const known = clients.get(key), kept = e.inside.port === e.outside.port;
    if (known) known.portsKept &&= kept; else clients.set(key, { captured, director, portsKept: kept });
  }
  return [...[...clients.values()].map((c) => ({ kind: 'source' as const, ...c })), ...services.values()];
}

/**
 * Inside addresses whose every end kept its port and went to one outside address (Linux
 * masquerading keeps the source port when it is free): later connections from them are
 * translated too. A NAT that picks new ports is only followed for the ends it learnt.
 */
function portKeepingAddresses(ends: Iterable<TranslatedEnd>): Map<IpAddress, IpAddress> {
  const to = new Map<IpAddress, IpAddress | null>();
  for (const e of ends) {
    const known = to.get(e.inside.ip);
    const keeps = e.inside.port === e.outside.port && (known === undefined || known === e.outside.ip);
    to.set(e.inside.ip, keeps ? e.outside.ip : null);
  }
  const out = new Map<IpAddress, IpAddress>();
  for (const [inside, outside] of to) if (outside !== null) out.set(inside, outside);
  return out;
}

/** A copy of `f` whose IP addresses and ports are `src` and `dst`; the frame as captured stays in translatedFrom. */
function withEndpoints(f: Frame, l4: Transport, src: Endpoint, dst: Endpoint): Frame {
  const ip = Object.create(f.ip!, { src: { value: src.ip, enumerable: true }, dst: { value: dst.ip, enumerable: true } });
  const transport = Object.create(l4, { sport: { value: src.port, enumerable: true }, dport: { value: dst.port, enumerable: true } });
  return { ...f, ip, l4: transport, translatedFrom: f };
}

/** A sentence for the topology's evidence: what the capture named `name` shows translated. */
export function describeTranslation(name: string, t: AddressTranslation): string {
  const parts = t.summary.map((x) => x.kind === 'source'
    ? `its address ${x.captured} is ${x.director} at the director${x.portsKept ? '' : ' (with other ports)'}`
    : `what it sends to ${x.captured} reaches the director as ${x.director}`);
  return `${name} reaches the director through a NAT: ${parts.join('; ')}`;
}
