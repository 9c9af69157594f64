// Copies of real captures with one property changed the way a person's capture would
// differ: another host's clock (a time shift), a short snap length, a capture filter (a UDP
// port left out, only a TCP port, a protocol or a host kept), a capture stopped early, or
// another interface kind (raw IP as on a tunnel, Linux cooked as with -i any). The packets
// stay the ones the real kernel produced.

import { createWriteStream, mkdtempSync, readdirSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCaptureFile } from '../../src/io/open-capture.js';
import { createPcapngWriter } from '../../src/io/pcapng-writer.js';

export type Transform = {
  readonly shiftSeconds?: number;
  readonly snapLen?: number;
  /** Leaves out IPv4 UDP datagrams to or from this port (tcpdump's `not udp port N`). */
  readonly withoutUdpPort?: number;
  /** Keeps only IPv4 TCP segments to or from this port (tcpdump's `tcp port N`): no ARP. */
  readonly onlyTcpPort?: number;
  /** Keeps only IPv4 packets of this protocol (tcpdump's `vrrp` is 112): no ARP. */
  readonly onlyIpProtocol?: number;
  /** Keeps only IPv4 packets and ARP to or from this address (tcpdump's `host A.B.C.D`). */
  readonly onlyHost?: string;
  /** With onlyHost: keeps all ARP and VRRP as well (tcpdump's `host A.B.C.D or arp or vrrp`). */
  readonly orArpAndVrrp?: boolean;
  /** Writes IPv4 packets without their Ethernet header (LINKTYPE_RAW, as from a tunnel interface): no ARP, no MACs. */
  readonly rawIp?: boolean;
  /**
   * Rewrites Ethernet frames as Linux cooked (SLL) frames, as `tcpdump -i any` on the host with
   * this MAC writes them: the sender's MAC and a packet type (to us, broadcast, multicast,
   * outgoing), no destination; frames to other hosts are not captured.
   */
  readonly cookedOwnMac?: string;
  /** Stops this many seconds after the capture's first packet. */
  readonly stopAfterSeconds?: number;
  /**
   * Rewrites IPv4 TCP/UDP addresses as a NAT between this capture and the director would have
   * them here (both directions, checksums recomputed): the director side's `outside` address and
   * port become `inside` ones (`portShift` added to the port, 0 keeps it).
   */
  readonly natInside?: readonly { readonly outside: string; readonly outsidePort?: number; readonly inside: string; readonly insidePort?: number; readonly portShift?: number }[];
};

const UDP = 17;
const TCP = 6;

/** Whether an Ethernet frame carries IPv4 `protocol` (UDP, TCP) to or from `port`. */
function carriesPort(d: Uint8Array, protocol: number, port: number): boolean {
  if (d.length < 14 + 20 + 8 || d[12] !== 0x08 || d[13] !== 0x00 || d[23] !== protocol) return false;
  const l4 = 14 + (d[14]! & 0x0f) * 4;
  return ((d[l4]! << 8) | d[l4 + 1]!) === port || ((d[l4 + 2]! << 8) | d[l4 + 3]!) === port;
}

const ETHERNET_HEADER = 14;
const ETHERTYPE_IPV4 = 0x0800, ETHERTYPE_ARP = 0x0806;
const VRRP = 112;
const LINKTYPE_RAW = 101;
const LINKTYPE_LINUX_SLL = 113;
const SLL_HEADER = 16;
const SLL_HOST = 0, SLL_BROADCAST = 1, SLL_MULTICAST = 2, SLL_OUTGOING = 4;
const ARPHRD_ETHER = 1;

/** The SLL frame `tcpdump -i any` writes for Ethernet frame `d` on the host with MAC `own`; undefined for another host's frame. */
function cookedFrame(d: Uint8Array, own: readonly number[]): Uint8Array | undefined {
  const is = (at: number) => own.every((b, i) => d[at + i] === b);
  const type = is(6) ? SLL_OUTGOING : is(0) ? SLL_HOST : d[0] === 0xff && d[1] === 0xff ? SLL_BROADCAST : d[0]! & 1 ? SLL_MULTICAST : undefined;
  if (type === undefined) return undefined;
  const out = new Uint8Array(d.length - ETHERNET_HEADER + SLL_HEADER);
  const view = new DataView(out.buffer);
  view.setUint16(0, type);
  view.setUint16(2, ARPHRD_ETHER);
  view.setUint16(4, 6);
  out.set(d.subarray(6, 12), 6);
  out.set(d.subarray(12, 14), 14);
  out.set(d.subarray(ETHERNET_HEADER), SLL_HEADER);
  return out;
}

/** Whether an Ethernet frame is IPv4 or ARP with `host` (dotted quad) as its source or destination. */
function carriesHost(d: Uint8Array, host: string): boolean {
  const want = host.split('.').map(Number);
  const at = (o: number) => d.length >= o + 4 && want.every((b, i) => d[o + i] === b);
  const ethertype = etherTypeOf(d);
  // IPv4 source and destination at 26 and 30; ARP sender and target protocol addresses at 28 and 38.
  if (ethertype === ETHERTYPE_IPV4) return at(26) || at(30);
  if (ethertype === ETHERTYPE_ARP) return at(28) || at(38);
  return false;
}

function etherTypeOf(d: Uint8Array): number {
  return d.length >= ETHERNET_HEADER ? (d[12]! << 8) | d[13]! : -1;
}

function isArp(d: Uint8Array): boolean {
  return etherTypeOf(d) === ETHERTYPE_ARP;
}

/** Whether an Ethernet frame is IPv4 with this protocol number (byte 9 of the IPv4 header). */
function carriesIpProtocol(d: Uint8Array, protocol: number): boolean {
  return d.length >= ETHERNET_HEADER + 20 && etherTypeOf(d) === ETHERTYPE_IPV4 && d[ETHERNET_HEADER + 9] === protocol;
}

/** The ones' complement sum of d[start, end) as 16-bit words, added to `sum`. */
function onesSum(d: Uint8Array, start: number, end: number, sum = 0): number {
  for (let i = start; i < end; i += 2) sum += (d[i]! << 8) | (i + 1 < end ? d[i + 1]! : 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return sum;
}

/** A copy of an Ethernet IPv4 TCP/UDP frame with the NAT's inside addresses and ports, checksums recomputed. */
function natRewrite(frame: Uint8Array, rules: NonNullable<Transform['natInside']>): Uint8Array {
  const d = Uint8Array.from(frame);
  if (d.length < ETHERNET_HEADER + 20 || etherTypeOf(d) !== ETHERTYPE_IPV4 || (d[23] !== TCP && d[23] !== UDP)) return d;
  const ipAt = ETHERNET_HEADER, l4 = ipAt + (d[ipAt]! & 0x0f) * 4;
  const end = ipAt + ((d[ipAt + 2]! << 8) | d[ipAt + 3]!);
  if (d.length < end || end < l4 + 8) return d;
  const view = new DataView(d.buffer);
  let changed = false;
  for (const [addressAt, portAt] of [[ipAt + 12, l4], [ipAt + 16, l4 + 2]] as const) {
    const address = [...d.subarray(addressAt, addressAt + 4)].join('.'), port = view.getUint16(portAt);
    const rule = rules.find((r) => r.outside === address && (r.outsidePort === undefined || r.outsidePort === port));
    if (!rule) continue;
    d.set(rule.inside.split('.').map(Number), addressAt);
    view.setUint16(portAt, rule.insidePort ?? (port + (rule.portShift ?? 0)) & 0xffff);
    changed = true;
  }
  if (!changed) return d;
  view.setUint16(ipAt + 10, 0);
  view.setUint16(ipAt + 10, ~onesSum(d, ipAt, l4) & 0xffff);
  const checksumAt = l4 + (d[ipAt + 9] === TCP ? 16 : 6);
  view.setUint16(checksumAt, 0);
  const pseudo = onesSum(d, ipAt + 12, ipAt + 20, d[ipAt + 9]! + (end - l4));
  const sum = ~onesSum(d, l4, end, pseudo) & 0xffff;
  view.setUint16(checksumAt, sum === 0 && d[ipAt + 9] === UDP ? 0xffff : sum);
  return d;
}

export async function transformCapture(input: string, output: string, t: Transform): Promise<void> {
  const reader = openCaptureFile(input);
  const writer = createPcapngWriter(createWriteStream(output));
  const ids = new Map<number, number>();
  const ownMac = t.cookedOwnMac?.split(':').map((x) => parseInt(x, 16));
  let firstT: number | undefined;
  for await (const batch of reader.batches()) {
    for (const p of batch) {
      const at = p.tsSec + p.tsNsec / 1e9;
      firstT ??= at;
      if (t.stopAfterSeconds !== undefined && at - firstT > t.stopAfterSeconds) continue;
      if (t.withoutUdpPort !== undefined && carriesPort(p.data, UDP, t.withoutUdpPort)) continue;
      if (t.onlyTcpPort !== undefined && !carriesPort(p.data, TCP, t.onlyTcpPort)) continue;
      if (t.onlyHost !== undefined && !carriesHost(p.data, t.onlyHost) && !(t.orArpAndVrrp && (isArp(p.data) || carriesIpProtocol(p.data, VRRP)))) continue;
      if (t.onlyIpProtocol !== undefined && !carriesIpProtocol(p.data, t.onlyIpProtocol)) continue;
      if (t.rawIp && etherTypeOf(p.data) !== ETHERTYPE_IPV4) continue;
      const cooked = ownMac === undefined ? undefined : cookedFrame(p.data, ownMac);
      if (ownMac !== undefined && cooked === undefined) continue;
      let id = ids.get(p.interfaceId);
      if (id === undefined) {
        const linkType = t.rawIp ? LINKTYPE_RAW : cooked ? LINKTYPE_LINUX_SLL : p.linkType;
        id = await writer.addInterface({ name: t.rawIp ? 'tun0' : cooked ? 'any' : 'eth0', linkType });
        ids.set(p.interfaceId, id);
      }
      let sec = p.tsSec + Math.trunc(t.shiftSeconds ?? 0);
      let nsec = p.tsNsec + Math.round(((t.shiftSeconds ?? 0) % 1) * 1e9);
      if (nsec >= 1e9) { sec++; nsec -= 1e9; } else if (nsec < 0) { sec--; nsec += 1e9; }
      const translated = t.natInside ? natRewrite(p.data, t.natInside) : p.data;
      const frame = cooked ?? (t.rawIp ? translated.subarray(ETHERNET_HEADER) : translated);
      const data = t.snapLen !== undefined ? frame.subarray(0, t.snapLen) : frame;
      await writer.writePacket({ interfaceId: id, tsSec: sec, tsNsec: nsec, data: Uint8Array.from(data), len: p.len - (t.rawIp ? ETHERNET_HEADER : 0) + (cooked ? SLL_HEADER - ETHERNET_HEADER : 0) });
    }
  }
  if (reader.error) throw new Error(`${input}: ${reader.error.message}`);
  await writer.close();
}

/** A temporary copy of a fixture folder's captures with `changes` applied per capture name. */
export async function fixtureVariant(fixtureDir: string, changes: Readonly<Record<string, Transform>>): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'lvsd-variant-'));
  for (const f of readdirSync(fixtureDir).filter((n) => /\.pcap(ng)?$/.test(n))) {
    const name = f.replace(/\.pcap(ng)?$/, '');
    const change = changes[name];
    if (change) await transformCapture(join(fixtureDir, f), join(dir, `${name}.pcapng`), change);
    else copyFileSync(join(fixtureDir, f), join(dir, f));
  }
  return dir;
}
