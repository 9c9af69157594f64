#!/usr/bin/env node
// Builds a large, realistic DR capture set from a recorded lab fixture: every frame of the
// fixture's captures is replayed N times with shifted timestamps, client ports, TCP sequence
// numbers and IP IDs, so each copy is a distinct flow while the DR structure (who forwards
// what to whom) stays exactly as the real kernel produced it.
//   node scripts/make-bench-captures.mjs FIXTURE_DIR OUT_DIR PACKETS [captures...]
import { createWriteStream, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { openCaptureFile } from '../dist/io/open-capture.js';

const [fixtureDir, outDir, packetsArg, ...names] = process.argv.slice(2);
if (!fixtureDir || !outDir || !packetsArg) {
  console.error('usage: make-bench-captures.mjs FIXTURE_DIR OUT_DIR PACKETS [capture names...]');
  process.exit(2);
}
const target = Number(packetsArg);
const captures = (names.length ? names : readdirSync(fixtureDir).filter((f) => f.endsWith('.pcap')).map((f) => f.replace(/\.pcap$/, '')));
mkdirSync(outDir, { recursive: true });

async function load(file) {
  const frames = [];
  const r = openCaptureFile(file);
  for await (const batch of r.batches()) for (const p of batch) frames.push({ sec: p.tsSec, nsec: p.tsNsec, data: Uint8Array.from(p.data), len: p.len });
  return frames;
}

const sources = await Promise.all(captures.map((c) => load(join(fixtureDir, `${c}.pcap`))));
const perCopy = Math.max(...sources.map((s) => s.length));
const copies = Math.ceil(target / perCopy);
const span = Math.max(...sources.map((s) => s.length ? s[s.length - 1].sec - s[0].sec + 1 : 1));

function patch(data, k) {
  // Ethernet + IPv4 + TCP/UDP only; other frames (ARP) are copied as they are.
  if (data.length < 34 || data[12] !== 0x08 || data[13] !== 0x00) return data;
  const out = Uint8Array.from(data);
  const ihl = (out[14] & 0x0f) * 4;
  const id = ((out[18] << 8) | out[19]) ^ (k & 0xffff);
  out[18] = id >> 8; out[19] = id & 0xff;
  const l4 = 14 + ihl, proto = out[23];
  if ((proto === 6 || proto === 17) && out.length >= l4 + 8) {
    // The client's port is the one above 1023; shift it so each copy is a new connection.
    for (const off of [l4, l4 + 2]) {
      const port = (out[off] << 8) | out[off + 1];
      if (port >= 1024) { const p = 1024 + ((port - 1024 + k * 7) % 64000); out[off] = p >> 8; out[off + 1] = p & 0xff; }
    }
    if (proto === 6 && out.length >= l4 + 16) {
      for (const off of [l4 + 4, l4 + 8]) {
        const v = (((out[off] << 24) | (out[off + 1] << 16) | (out[off + 2] << 8) | out[off + 3]) >>> 0);
        if (v === 0) continue;
        const n = (v + k * 100_003) >>> 0;
        out[off] = n >>> 24; out[off + 1] = (n >>> 16) & 0xff; out[off + 2] = (n >>> 8) & 0xff; out[off + 3] = n & 0xff;
      }
    }
  }
  // Keep the IPv4 header checksum valid (the checks verify it).
  out[24] = 0; out[25] = 0;
  let sum = 0;
  for (let i = 14; i < 14 + ihl; i += 2) sum += (out[i] << 8) | out[i + 1];
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  const csum = ~sum & 0xffff;
  out[24] = csum >> 8; out[25] = csum & 0xff;
  return out;
}

for (let ci = 0; ci < captures.length; ci++) {
  const frames = sources[ci];
  const file = join(outDir, `${captures[ci]}.pcap`);
  const out = createWriteStream(file, { highWaterMark: 1 << 20 });
  const header = Buffer.alloc(24);
  header.writeUInt32LE(0xa1b23c4d, 0); header.writeUInt16LE(2, 4); header.writeUInt16LE(4, 6);
  header.writeUInt32LE(262144, 16); header.writeUInt32LE(1, 20);
  out.write(header);
  let written = 0;
  let chunk = [];
  let chunkBytes = 0;
  for (let k = 0; k < copies; k++) {
    for (const f of frames) {
      const data = patch(f.data, k);
      const rec = Buffer.alloc(16 + data.length);
      rec.writeUInt32LE(f.sec + k * span, 0); rec.writeUInt32LE(f.nsec, 4);
      rec.writeUInt32LE(data.length, 8); rec.writeUInt32LE(f.len, 12);
      rec.set(data, 16);
      chunk.push(rec); chunkBytes += rec.length; written++;
      if (chunkBytes > (1 << 20)) { if (!out.write(Buffer.concat(chunk))) await once(out, 'drain'); chunk = []; chunkBytes = 0; }
    }
  }
  out.end(Buffer.concat(chunk));
  await once(out, 'finish');
  console.log(`${file}: ${written} packets`);
}
