// The decoder against tshark, frame by frame: every capture under fixtures/ and a
// deterministic sample of the public corpus that tshark reads without error.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeFrame } from '../../src/decode/frame.js';
import type { Frame } from '../../src/decode/frame-types.js';
import { openCaptureFile } from '../../src/io/open-capture.js';
import { decodeRecordOf } from '../../src/report/decode-record.js';
import { requireCommand } from '../support/external-tools.js';
import { runTshark, type TsharkRow } from './tshark-fields.js';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const corpus = resolve(root, '../shared/corpus');
const tshark = requireCommand('tshark');
const SUPPORTED_LINKTYPES = new Set(['ETHERNET', 'LINUX_SLL', 'LINUX_SLL2', 'RAW', 'NULL', 'LOOP', 'IPV4', 'IPV6']);
const CORPUS_SAMPLE = 120;

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : /\.pcap(ng)?$/.test(n) ? [p] : [];
  });
}

function corpusSample(): string[] {
  const manifest = join(corpus, 'MANIFEST.tsv');
  if (!existsSync(manifest)) return [];
  const rows = readFileSync(manifest, 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));
  const eligible = rows.filter((r) => r[6] === '0' && r[7] === 'ok' && (r[4] ?? '').split(/[,;| ]+/).every((lt) => SUPPORTED_LINKTYPES.has(lt)))
    .map((r) => join(corpus, r[0]!, r[1]!)).sort();
  const step = Math.max(1, Math.floor(eligible.length / CORPUS_SAMPLE));
  return eligible.filter((_, i) => i % step === 0).slice(0, CORPUS_SAMPLE);
}

async function decodeAll(file: string): Promise<Frame[]> {
  const frames: Frame[] = [];
  const reader = openCaptureFile(file);
  for await (const batch of reader.batches()) for (const raw of batch) frames.push(decodeFrame(raw));
  return frames;
}

const first = (row: TsharkRow, f: keyof TsharkRow) => row[f][0];
const hexToDec = (v: string | undefined) => (v === undefined ? undefined : String(parseInt(v, 16)));

/** Field-by-field differences between our record and tshark's row for one frame. */
export function differences(frame: Frame, row: TsharkRow): string[] {
  const rec = decodeRecordOf('x', frame);
  const out: string[] = [];
  const hasIssue = frame.issue !== undefined;
  const malformed = row['_ws.malformed'].length > 0;
  const cmp = (name: string, ours: unknown, theirs: string | undefined) => {
    const o = ours === undefined ? undefined : String(ours);
    if (o === theirs) return;
    if (o === undefined && (hasIssue || theirs === undefined)) return;
    if (theirs === undefined && (malformed || o === undefined)) return;
    out.push(`${name}: ours ${o ?? '(none)'} tshark ${theirs ?? '(none)'}`);
  };
  cmp('caplen', rec['caplen'], first(row, 'frame.cap_len'));
  cmp('len', rec['len'], first(row, 'frame.len'));
  // pcapng simple packet blocks carry no timestamp; tshark then prints none.
  if (row['frame.time_epoch'].length) cmp('ts', rec['ts'], first(row, 'frame.time_epoch'));
  if (frame.link?.kind === 'ethernet') {
    cmp('eth.src', rec['eth.src'], first(row, 'eth.src'));
    cmp('eth.dst', rec['eth.dst'], first(row, 'eth.dst'));
    // Only tags of the outer Ethernet header: tshark also lists tags of frames inside tunnels (ERSPAN, VXLAN).
    const outerTagged = /^eth:ethertype:(vlan|ieee8021ad)/.test(first(row, 'frame.protocols') ?? '');
    const tags = outerTagged ? [...row['ieee8021ad.id'], ...row['vlan.id']].slice(0, frame.vlans.length || undefined) : [];
    if (frame.vlans.length || tags.length) cmp('vlan', frame.vlans.map((v) => v.id).join(','), tags.length ? tags.join(',') : undefined);
  }
  if (frame.arp) {
    cmp('arp.op', rec['arp.op'], first(row, 'arp.opcode'));
    cmp('arp.sha', rec['arp.sha'], first(row, 'arp.src.hw_mac'));
    cmp('arp.spa', rec['arp.spa'], first(row, 'arp.src.proto_ipv4'));
    cmp('arp.tha', rec['arp.tha'], first(row, 'arp.dst.hw_mac'));
    cmp('arp.tpa', rec['arp.tpa'], first(row, 'arp.dst.proto_ipv4'));
  }
  // IP in IP: tshark lists the outer header first, then the inner one (our ip.*).
  const tunnel = frame.tunnel;
  if (tunnel?.version === 4) {
    cmp('tunnel.src', rec['tunnel.src'], first(row, 'ip.src'));
    cmp('tunnel.dst', rec['tunnel.dst'], first(row, 'ip.dst'));
    cmp('tunnel.ttl', rec['tunnel.ttl'], first(row, 'ip.ttl'));
    cmp('tunnel.id', rec['tunnel.id'], hexToDec(first(row, 'ip.id')));
  } else if (tunnel?.version === 6) {
    cmp('tunnel.src', rec['tunnel.src'], first(row, 'ipv6.src'));
    cmp('tunnel.dst', rec['tunnel.dst'], first(row, 'ipv6.dst'));
    cmp('tunnel.ttl', rec['tunnel.ttl'], first(row, 'ipv6.hlim'));
  }
  const ip = frame.ip;
  const at = ip !== undefined && tunnel?.version === ip.version ? 1 : 0;
  const nth = (f: keyof TsharkRow) => row[f][at];
  if (ip?.version === 4) {
    cmp('ip.src', rec['ip.src'], nth('ip.src'));
    cmp('ip.dst', rec['ip.dst'], nth('ip.dst'));
    cmp('ip.ttl', rec['ip.ttl'], nth('ip.ttl'));
    cmp('ip.id', rec['ip.id'], hexToDec(nth('ip.id')));
    cmp('ip.proto', rec['ip.proto'], nth('ip.proto'));
  } else if (ip?.version === 6) {
    cmp('ipv6.src', rec['ip.src'], nth('ipv6.src'));
    cmp('ipv6.dst', rec['ip.dst'], nth('ipv6.dst'));
    cmp('ipv6.hlim', rec['ip.ttl'], nth('ipv6.hlim'));
  }
  const l4 = frame.l4;
  // Inside ICMP errors and tunnels tshark also decodes the quoted/inner transport header.
  if (l4?.kind === 'tcp') {
    cmp('tcp.sport', l4.sport, first(row, 'tcp.srcport'));
    cmp('tcp.dport', l4.dport, first(row, 'tcp.dstport'));
    cmp('tcp.seq', l4.seq, first(row, 'tcp.seq_raw'));
    cmp('tcp.ack', l4.ack, first(row, 'tcp.ack_raw'));
    cmp('tcp.flags', l4.flags, hexToDec(first(row, 'tcp.flags')));
  } else if (l4?.kind === 'udp') {
    cmp('udp.sport', l4.sport, first(row, 'udp.srcport'));
    cmp('udp.dport', l4.dport, first(row, 'udp.dstport'));
  } else if (l4?.kind === 'icmp') {
    cmp('icmp.type', l4.type, first(row, 'icmp.type'));
    cmp('icmp.code', l4.code, first(row, 'icmp.code'));
  } else if (l4?.kind === 'icmpv6') {
    cmp('icmpv6.type', l4.type, first(row, 'icmpv6.type'));
    cmp('icmpv6.code', l4.code, first(row, 'icmpv6.code'));
  }
  return out;
}

const files = [...walk(join(root, 'fixtures')), ...(tshark.skip ? [] : corpusSample())];

describe.skipIf(tshark.skip)(`decode agrees with tshark field by field ${tshark.label}`, () => {
  it('has captures to compare', () => {
    expect(files.length).toBeGreaterThan(0);
  });
  it.each(files.map((f) => [f.startsWith(root) ? f.slice(root.length + 1) : f.slice(corpus.length + 1), f]))('%s', async (_name, file) => {
    const [frames, { rows, rc }] = await Promise.all([decodeAll(file), runTshark(file)]);
    expect(rc).toBe(0);
    expect(frames.length).toBe(rows.length);
    const problems: string[] = [];
    frames.forEach((f, i) => {
      for (const d of differences(f, rows[i]!)) if (problems.length < 20) problems.push(`frame ${f.frame}: ${d}`);
    });
    expect(problems).toEqual([]);
  });
});
