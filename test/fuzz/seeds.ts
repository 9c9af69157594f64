// The fuzzer's seeds: every capture under fixtures/ (plus a pcapng copy of each, written by
// the project's own writer, so pcapng blocks and options carry real DR traffic), the reader
// tests' container zoo, and a deterministic sample of the public corpus.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { readCapture } from '../../src/io/read-capture.js';
import { createPcapngWriter } from '../../src/io/pcapng-writer.js';
import { SAMPLE_CAPTURES } from '../io/capture-samples.js';
import { layoutOf } from './capture-layout.js';
import type { Seed } from './mutate.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const FIXTURES_DIR = path.join(REPO_ROOT, 'fixtures');
export const CORPUS_DIR = path.resolve(REPO_ROOT, '../shared/corpus');

const CAPTURE_NAME = /\.(pcap|pcapng|cap)(\.gz)?$/i;
/** Small corpus files keep one input at microseconds; big ones would dominate the run. */
const MAX_CORPUS_SEED_BYTES = 64 * 1024;

export type SeedSet = {
  readonly seeds: readonly Seed[];
  /** Seeds per fixture folder, for analyzing several captures of one scenario together. */
  readonly groups: ReadonlyMap<string, readonly Seed[]>;
  readonly notes: readonly string[];
};

export async function loadSeeds(options: { readonly corpusSample: number }): Promise<SeedSet> {
  const seeds: Seed[] = [];
  const notes: string[] = [];
  for (const file of captureFiles(FIXTURES_DIR)) {
    const raw = readFileSync(file);
    const bytes = /\.gz$/i.test(file) ? new Uint8Array(gunzipSync(raw)) : new Uint8Array(raw);
    const rel = path.relative(REPO_ROOT, file);
    const group = path.relative(FIXTURES_DIR, path.dirname(file));
    seeds.push(seedOf(rel, bytes, group));
    const asPcapng = await toPcapng(bytes);
    if (asPcapng) seeds.push(seedOf(`${rel} (as pcapng)`, asPcapng, `${group} (as pcapng)`));
  }
  if (seeds.length === 0) notes.push(`no captures under ${FIXTURES_DIR}`);
  for (const [name, bytes] of Object.entries(SAMPLE_CAPTURES)) seeds.push(seedOf(`sample/${name}`, bytes));
  if (options.corpusSample > 0) {
    if (existsSync(path.join(CORPUS_DIR, 'MANIFEST.tsv'))) {
      for (const rel of corpusSample(options.corpusSample)) {
        seeds.push(seedOf(`corpus/${rel}`, new Uint8Array(readFileSync(path.join(CORPUS_DIR, rel)))));
      }
    } else {
      notes.push(`corpus seeds skipped: no corpus at ${CORPUS_DIR}`);
    }
  }
  const groups = new Map<string, Seed[]>();
  for (const s of seeds) {
    if (s.group === undefined) continue;
    const list = groups.get(s.group) ?? [];
    list.push(s);
    groups.set(s.group, list);
  }
  return { seeds, groups, notes };
}

function seedOf(name: string, bytes: Uint8Array, group?: string): Seed {
  return { name, bytes, layout: layoutOf(bytes), ...(group === undefined ? {} : { group }) };
}

function captureFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...captureFiles(p));
    else if (CAPTURE_NAME.test(name)) out.push(p);
  }
  return out;
}

/** Rewrites a capture as pcapng with the project's writer; undefined if it does not read cleanly. */
export async function toPcapng(bytes: Uint8Array): Promise<Uint8Array | undefined> {
  const reader = readCapture((async function* () { yield bytes; })());
  const chunks: Buffer[] = [];
  const sink = new Writable({ write(chunk: Buffer, _enc, done) { chunks.push(chunk); done(); } });
  const writer = createPcapngWriter(sink);
  const ids = new Map<number, number>();
  let n = 0;
  for await (const batch of reader.batches()) {
    for (const p of batch) {
      let id = ids.get(p.interfaceId);
      if (id === undefined) {
        id = await writer.addInterface({ name: `if${p.interfaceId}`, linkType: p.linkType });
        ids.set(p.interfaceId, id);
      }
      // A comment on some packets gives the walker option lengths inside EPBs.
      await writer.writePacket({ interfaceId: id, tsSec: p.tsSec, tsNsec: p.tsNsec, data: p.data, len: p.len, ...(n++ % 7 === 0 ? { comment: `packet ${p.frame}` } : {}) });
    }
  }
  await writer.close();
  if (reader.error) return undefined;
  return new Uint8Array(Buffer.concat(chunks));
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/**
 * A deterministic sample of small corpus files: one per (container, link types) pair first,
 * so every format and link layer is represented, then the rest by a hash of the path.
 */
export function corpusSample(size: number): string[] {
  const [header, ...lines] = readFileSync(path.join(CORPUS_DIR, 'MANIFEST.tsv'), 'utf8').trimEnd().split('\n');
  const cols = header!.split('\t');
  const at = (name: string) => cols.indexOf(name);
  const [corpus, file, bytes, container, linktypes] = ['corpus', 'path', 'size', 'container', 'linktypes'].map(at) as [number, number, number, number, number];
  const rows = lines.map((l) => l.split('\t'))
    .filter((f) => Number(f[bytes]) > 0 && Number(f[bytes]) <= MAX_CORPUS_SEED_BYTES)
    .map((f) => ({ rel: `${f[corpus]}/${f[file]}`, kind: `${f[container]}|${f[linktypes]}` }))
    .sort((a, b) => fnv1a(a.rel) - fnv1a(b.rel) || a.rel.localeCompare(b.rel));
  const chosen: string[] = [];
  const kinds = new Set<string>();
  for (const r of rows) {
    if (chosen.length >= size) break;
    if (kinds.has(r.kind)) continue;
    kinds.add(r.kind);
    chosen.push(r.rel);
  }
  for (const r of rows) {
    if (chosen.length >= size) break;
    if (!chosen.includes(r.rel)) chosen.push(r.rel);
  }
  return chosen;
}
