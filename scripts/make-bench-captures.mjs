#!/usr/bin/env node
// Builds a large, realistic DR capture set from a recorded lab fixture: every frame of the
// fixture's captures is replayed N times with shifted timestamps, client ports, TCP sequence
// numbers and IP IDs, so each copy is a distinct flow while the DR structure (who forwards
// what to whom) stays exactly as the real kernel produced it. IPv4 header and TCP/UDP
// checksums stay valid.
//   node scripts/make-bench-captures.mjs FIXTURE_DIR OUT_DIR PACKETS [--total] [--rate N] [captures...]
// PACKETS counts frames of the largest capture (with --total: of all captures written); every
// capture gets the same number of copies. Copies run one after another by default; with
// --rate N a new copy starts every (frames per copy / N) seconds, so copies overlap and the
// largest capture carries about N packets per second, thousands of connections in flight, as
// on a busy director. Frames are written in time order either way.
import { createWriteStream, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { openCaptureFile } from '../dist/io/open-capture.js';

const args = process.argv.slice(2);
const total = args.includes('--total');
const rateAt = args.indexOf('--rate');
const rate = rateAt >= 0 ? Number(args[rateAt + 1]) : 0;
if (rateAt >= 0) args.splice(rateAt, 2);
const [fixtureDir, outDir, packetsArg, ...names] = args.filter((a) => a !== '--total');
if (!fixtureDir || !outDir || !packetsArg) {
  console.error('usage: make-bench-captures.mjs FIXTURE_DIR OUT_DIR PACKETS [--total] [--rate N] [capture names...]');
  process.exit(2);
}
const target = Number(packetsArg);
const all = readdirSync(fixtureDir).filter((f) => f.endsWith('.pcap')).map((f) => f.replace(/\.pcap$/, '')).sort();
const captures = names.length ? names : all;
mkdirSync(outDir, { recursive: true });

async function load(file) {
  const frames = [];
  const r = openCaptureFile(file);
  for await (const batch of r.batches()) for (const p of batch) frames.push({ sec: p.tsSec, nsec: p.tsNsec, data: Uint8Array.from(p.data), len: p.len });
  if (r.error) throw new Error(`${file}: ${r.error.message}`);
  return frames;
}

function ipv4L4(d) {
  // Ethernet + IPv4 (first fragment) + TCP/UDP header captured: the offsets patch() needs.
  if (d.length < 34 || d[12] !== 0x08 || d[13] !== 0x00 || d[14] >> 4 !== 4) return undefined;
  const ihl = (d[14] & 0x0f) * 4, proto = d[23], l4 = 14 + ihl;
  if ((((d[20] << 8) | d[21]) & 0x1fff) !== 0 || (proto !== 6 && proto !== 17) || d.length < l4 + (proto === 6 ? 20 : 8)) return undefined;
  return { ihl, proto, l4 };
}

// Every client port (≥ 1024) of every capture of the fixture, so one port maps to the same
// port in all captures, whichever of them are written.
const everyCapture = await Promise.all(all.map((c) => load(join(fixtureDir, `${c}.pcap`))));
const portSet = new Set();
for (const frames of everyCapture) {
  for (const f of frames) {
    const h = ipv4L4(f.data);
    if (!h) continue;
    for (const off of [h.l4, h.l4 + 2]) { const p = (f.data[off] << 8) | f.data[off + 1]; if (p >= 1024) portSet.add(p); }
  }
}
const ports = [...portSet].sort((a, b) => a - b);
const portIndex = new Map(ports.map((p, i) => [p, i]));
const PORT_RANGE = 65536 - 1024;

for (const c of captures) if (!all.includes(c)) throw new Error(`${fixtureDir} has no ${c}.pcap`);
const sources = captures.map((c) => everyCapture[all.indexOf(c)]);
const perCopy = total ? sources.reduce((n, s) => n + s.length, 0) : Math.max(...sources.map((s) => s.length));
const copies = Math.ceil(target / perCopy);
const span = Math.max(...everyCapture.map((s) => s.length ? s[s.length - 1].sec - s[0].sec + 1 : 1));
/** Nanoseconds between the starts of two copies. */
const stepNs = rate > 0 ? Math.round((Math.max(...sources.map((s) => s.length)) / rate) * 1e9) : span * 1e9;

/**
 * (copy, frame index) pairs in time order: a heap over the copies in flight, each of which is
 * in time order itself. Copy k's frame j is at the frame's time + k·step.
 */
function* inTimeOrder(frames) {
  const t0 = (j) => BigInt(frames[j].sec) * 1_000_000_000n + BigInt(frames[j].nsec);
  const base = frames.map((_, j) => Number(t0(j) - t0(0)));
  const heap = []; // [time, copy, frame]
  const less = (a, b) => a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
  const push = (e) => {
    heap.push(e);
    for (let i = heap.length - 1; i > 0; ) { const p = (i - 1) >> 1; if (!less(heap[i], heap[p])) break; [heap[i], heap[p]] = [heap[p], heap[i]]; i = p; }
  };
  const pop = () => {
    const top = heap[0], last = heap.pop();
    if (heap.length) {
      heap[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1, r = l + 1;
        let m = i;
        if (l < heap.length && less(heap[l], heap[m])) m = l;
        if (r < heap.length && less(heap[r], heap[m])) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m], heap[i]]; i = m;
      }
    }
    return top;
  };
  if (!frames.length) return;
  let started = 0;
  push([0, started++, 0]);
  while (heap.length) {
    // Start every copy due before the earliest frame in flight.
    while (started < copies && started * stepNs <= heap[0][0]) push([started * stepNs, started++, 0]);
    const [, k, j] = pop();
    yield [k, j];
    if (j + 1 < frames.length) push([k * stepNs + base[j + 1], k, j + 1]);
    else if (started < copies && !heap.length) push([started * stepNs, started++, 0]);
  }
}

/** One's-complement checksum update for a 16-bit word changing from m to m2 (RFC 1624 eqn. 3). */
function csumUpdate(hc, m, m2) {
  let s = (~hc & 0xffff) + (~m & 0xffff) + m2;
  s = (s & 0xffff) + (s >>> 16);
  s = (s & 0xffff) + (s >>> 16);
  return ~s & 0xffff;
}

function patch(out, k) {
  // Other frames (ARP) are copied as they are.
  const h = ipv4L4(out);
  if (!h) return;
  const { ihl, proto, l4 } = h;
  const csumOff = l4 + (proto === 6 ? 16 : 6);
  let csum = (out[csumOff] << 8) | out[csumOff + 1];
  const hasCsum = proto === 6 || csum !== 0;
  const set16 = (off, v) => {
    if (hasCsum) csum = csumUpdate(csum, (out[off] << 8) | out[off + 1], v);
    out[off] = v >> 8; out[off + 1] = v & 0xff;
  };
  // Client ports: copy k of port index i gets 1024 + (k·|ports| + i) mod range. Each time the
  // range wraps, the client address on that side moves up by one, so a client end (address,
  // port) is never reused, as TIME_WAIT keeps a real client from doing for a minute.
  for (const off of [l4, l4 + 2]) {
    const i = portIndex.get((out[off] << 8) | out[off + 1]);
    if (i === undefined) continue;
    const n = k * ports.length + i;
    set16(off, 1024 + (n % PORT_RANGE));
    const wraps = Math.floor(n / PORT_RANGE);
    if (wraps > 0) {
      // The pseudo-header covers the address: set16 keeps the transport checksum right.
      const ipOff = off === l4 ? 14 + 14 : 14 + 16;
      set16(ipOff, (((out[ipOff] << 8) | out[ipOff + 1]) + wraps) & 0xffff);
    }
  }
  if (proto === 6) {
    for (const off of [l4 + 4, l4 + 8]) {
      const v = ((out[off] << 24) | (out[off + 1] << 16) | (out[off + 2] << 8) | out[off + 3]) >>> 0;
      if (v === 0) continue;
      const n = (v + k * 100_003) >>> 0;
      set16(off, n >>> 16);
      set16(off + 2, n & 0xffff);
    }
  }
  if (hasCsum) {
    // 0 means "no checksum" in UDP; its one's-complement twin 0xffff says the same sum.
    const c = proto === 17 && csum === 0 ? 0xffff : csum;
    out[csumOff] = c >> 8; out[csumOff + 1] = c & 0xff;
  }
  const id = ((out[18] << 8) | out[19]) ^ (k & 0xffff);
  out[18] = id >> 8; out[19] = id & 0xff;
  // The IPv4 header checksum, recomputed (the checks verify it).
  out[24] = 0; out[25] = 0;
  let sum = 0;
  for (let i = 14; i < 14 + ihl; i += 2) sum += (out[i] << 8) | out[i + 1];
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  const ipCsum = ~sum & 0xffff;
  out[24] = ipCsum >> 8; out[25] = ipCsum & 0xff;
}

const CHUNK = 1 << 20;
for (let ci = 0; ci < captures.length; ci++) {
  const frames = sources[ci];
  const file = join(outDir, `${captures[ci]}.pcap`);
  const out = createWriteStream(file, { highWaterMark: CHUNK });
  const header = Buffer.alloc(24);
  header.writeUInt32LE(0xa1b23c4d, 0); header.writeUInt16LE(2, 4); header.writeUInt16LE(4, 6);
  header.writeUInt32LE(262144, 16); header.writeUInt32LE(1, 20);
  out.write(header);
  let written = 0;
  let buf = Buffer.allocUnsafe(CHUNK + 16 + 262144), pos = 0;
  for (const [k, j] of inTimeOrder(frames)) {
    const f = frames[j];
    const n = f.data.length;
    const ns = BigInt(f.sec) * 1_000_000_000n + BigInt(f.nsec) + BigInt(k) * BigInt(stepNs);
    buf.writeUInt32LE(Number(ns / 1_000_000_000n), pos); buf.writeUInt32LE(Number(ns % 1_000_000_000n), pos + 4);
    buf.writeUInt32LE(n, pos + 8); buf.writeUInt32LE(f.len, pos + 12);
    buf.set(f.data, pos + 16);
    patch(buf.subarray(pos + 16, pos + 16 + n), k);
    pos += 16 + n; written++;
    if (pos >= CHUNK) {
      if (!out.write(buf.subarray(0, pos))) await once(out, 'drain');
      buf = Buffer.allocUnsafe(CHUNK + 16 + 262144); pos = 0;
    }
  }
  out.end(buf.subarray(0, pos));
  await once(out, 'finish');
  console.log(`${file}: ${written} packets`);
}
