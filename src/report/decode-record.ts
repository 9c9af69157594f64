// The `decode` command's record: one flat object per frame with tshark-like dotted keys.
// Documented by schema/decode-record.schema.json.

import { formatIp, formatMac } from '../decode/addresses.js';
import type { Frame, IpHeader } from '../decode/frame-types.js';
import { fragmentOf } from '../decode/fragment.js';
import { formatTimestamp } from './format-time.js';

export type DecodeRecord = Record<string, string | number | boolean | readonly number[] | DecodeRecordIssue>;

export type DecodeRecordIssue = { readonly code: string; readonly cause: string; readonly offset: number };

function addIpKeys(r: DecodeRecord, prefix: 'ip' | 'tunnel', h: IpHeader): void {
  r[`${prefix}.version`] = h.version;
  r[`${prefix}.src`] = formatIp(h.src);
  r[`${prefix}.dst`] = formatIp(h.dst);
  r[`${prefix}.ttl`] = h.ttl;
  if (h.version === 4) r[`${prefix}.id`] = h.id;
  // Fragments only, so other lines stay as they were.
  const fragment = fragmentOf(h);
  if (fragment) {
    if (h.version === 6) r[`${prefix}.frag_id`] = fragment.id;
    r[`${prefix}.frag_offset`] = fragment.offset;
    r[`${prefix}.mf`] = fragment.moreFragments;
  }
}

export function decodeRecordOf(file: string, f: Frame): DecodeRecord {
  const r: DecodeRecord = {
    file,
    frame: f.frame,
    ts: formatTimestamp(f.tsSec, f.tsNsec),
    linktype: f.linkType,
    caplen: f.caplen,
    len: f.len,
  };
  const link = f.link;
  if (link) {
    r['link'] = link.kind;
    if (link.kind === 'ethernet') {
      r['eth.src'] = formatMac(link.src);
      r['eth.dst'] = formatMac(link.dst);
    } else if (link.kind === 'sll' || link.kind === 'sll2') {
      if (link.src !== undefined) r['sll.src'] = formatMac(link.src);
      r['sll.pkttype'] = link.packetType;
      if (link.ifindex !== undefined) r['sll.ifindex'] = link.ifindex;
    }
  }
  if (f.vlans.length > 0) r['vlan'] = f.vlans.map((v) => v.id);
  const arp = f.arp;
  if (arp) {
    r['arp.op'] = arp.op;
    r['arp.sha'] = formatMac(arp.sha);
    r['arp.spa'] = formatIp(arp.spa);
    r['arp.tha'] = formatMac(arp.tha);
    r['arp.tpa'] = formatIp(arp.tpa);
  }
  // IP in IP: the outer header first; ip.* is the encapsulated packet.
  if (f.tunnel) {
    addIpKeys(r, 'tunnel', f.tunnel);
    r['tunnel.proto'] = f.tunnel.protocol;
  }
  const ip = f.ip;
  if (ip) {
    addIpKeys(r, 'ip', ip);
    r['ip.proto'] = ip.protocol;
  }
  const l4 = f.l4;
  if (l4) {
    switch (l4.kind) {
      case 'tcp':
        r['tcp.sport'] = l4.sport;
        r['tcp.dport'] = l4.dport;
        r['tcp.seq'] = l4.seq;
        r['tcp.ack'] = l4.ack;
        r['tcp.flags'] = l4.flags;
        break;
      case 'udp':
        r['udp.sport'] = l4.sport;
        r['udp.dport'] = l4.dport;
        if (l4.ipvsSync) {
          r['ipvs.syncid'] = l4.ipvsSync.syncid;
          r['ipvs.conns'] = l4.ipvsSync.count;
        }
        break;
      case 'icmp':
      case 'icmpv6':
        r['icmp.type'] = l4.type;
        r['icmp.code'] = l4.code;
        break;
      case 'vrrp':
        r['vrrp.version'] = l4.version;
        r['vrrp.vrid'] = l4.vrid;
        r['vrrp.priority'] = l4.priority;
        break;
    }
  }
  if (f.issue) r['issue'] = { code: f.issue.code, cause: f.issue.cause, offset: f.issue.offset };
  return r;
}
