// `--evidence DIR`: one pcapng file per finding holding its evidence packets from every
// capture, one interface per vantage point (named after its host), in time order on the common
// clock, so Wireshark shows the finding as one merged story. Each packet carries a comment
// naming where it came from ("rs1.pcap#3: 192.0.2.100 is-at …").
//
// Each capture is read once, front to back, keeping only the wanted frames: memory is bounded
// by the number of evidence packets, not by the size of the captures.

import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { openCaptureFile } from '../io/open-capture.js';
import { createPcapngWriter, type WriterInterface } from '../io/pcapng-writer.js';
import type { CaptureReader } from '../io/read-capture.js';
import type { EvidenceJson, FindingJson, ReportJson } from './report-types.js';
import { clockOffsetsByFile } from './capture-files.js';

export type OpenCapture = (capture: string) => CaptureReader;

export type EvidenceFile = {
  /** Index of the finding in `report.findings`. */
  readonly finding: number;
  readonly path: string;
  readonly packets: number;
  /** Evidence frames that could not be read back (file gone, shorter, unreadable). */
  readonly missing: readonly { readonly capture: string; readonly frame: number }[];
};

type Kept = { readonly tsSec: number; readonly tsNsec: number; readonly linkType: number; readonly len: number; readonly data: Uint8Array };

const NS_PER_SECOND = 1_000_000_000;

/** `007-arp_vip-answered-by-non-director.pcapng`; anything odd in a check id becomes `_`. */
export function evidenceFileName(index: number, check: string, count: number): string {
  const digits = Math.max(3, String(count).length);
  const safe = check.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_').slice(0, 100);
  return `${String(index + 1).padStart(digits, '0')}-${safe}.pcapng`;
}

/** Reads each capture once and keeps the frames some finding cites. */
async function collect(report: ReportJson, openCapture: OpenCapture): Promise<Map<string, Map<number, Kept>>> {
  const wanted = new Map<string, Set<number>>();
  for (const f of report.findings) {
    for (const e of f.evidence) {
      let frames = wanted.get(e.capture);
      if (!frames) wanted.set(e.capture, (frames = new Set()));
      frames.add(e.frame);
    }
  }
  const kept = new Map<string, Map<number, Kept>>();
  for (const [capture, frames] of wanted) {
    const found = new Map<number, Kept>();
    kept.set(capture, found);
    const last = Math.max(...frames);
    const reader = openCapture(capture);
    read: for await (const batch of reader.batches()) {
      for (const p of batch) {
        if (frames.has(p.frame)) {
          // Copy: the packet's bytes are a view into the reader's chunk.
          found.set(p.frame, { tsSec: p.tsSec, tsNsec: p.tsNsec, linkType: p.linkType, len: p.len, data: p.data.slice() });
        }
        if (p.frame >= last) break read;
      }
    }
  }
  return kept;
}

/** Timestamp moved onto the common clock by the capture's offset (seconds, may be negative). */
function aligned(p: Kept, offsetSeconds: number): { tsSec: number; tsNsec: number } {
  const shift = Math.round(offsetSeconds * NS_PER_SECOND);
  const total = p.tsNsec + (shift % NS_PER_SECOND);
  const carry = Math.floor(total / NS_PER_SECOND);
  return { tsSec: p.tsSec + Math.trunc(shift / NS_PER_SECOND) + carry, tsNsec: total - carry * NS_PER_SECOND };
}

type Placed = { readonly e: EvidenceJson; readonly p: Kept; readonly tsSec: number; readonly tsNsec: number };

async function writeFinding(file: string, f: FindingJson, packets: readonly Placed[]): Promise<void> {
  // One interface per capture, host (a file read as several interfaces has a host for each)
  // and link type; named after the host that took the capture.
  const interfaces: WriterInterface[] = [];
  const ids = new Map<string, number>();
  for (const { e, p } of packets) {
    const key = `${e.capture}\u0000${e.host ?? ''}\u0000${p.linkType}`;
    if (ids.has(key)) continue;
    ids.set(key, interfaces.length);
    interfaces.push({ name: e.host ? `${e.host} (${e.capture})` : e.capture, linkType: p.linkType });
  }
  const writer = createPcapngWriter(createWriteStream(file), { interfaces });
  for (const { e, p, tsSec, tsNsec } of packets) {
    await writer.writePacket({
      interfaceId: ids.get(`${e.capture}\u0000${e.host ?? ''}\u0000${p.linkType}`)!,
      tsSec,
      tsNsec,
      data: p.data,
      len: p.len,
      comment: `${f.check}: ${e.capture}#${e.frame}: ${e.summary}`,
    });
  }
  await writer.close();
}

export async function writeEvidence(report: ReportJson, dir: string, openCapture: OpenCapture = openCaptureFile): Promise<EvidenceFile[]> {
  await mkdir(dir, { recursive: true });
  const kept = await collect(report, openCapture);
  const offsets = clockOffsetsByFile(report.captures);
  const written: EvidenceFile[] = [];
  for (const [index, f] of report.findings.entries()) {
    if (f.evidence.length === 0) continue;
    const placed: Placed[] = [];
    const missing: { capture: string; frame: number }[] = [];
    const seen = new Set<string>();
    for (const e of f.evidence) {
      const id = `${e.capture}#${e.frame}`;
      if (seen.has(id)) continue;
      seen.add(id);
      const p = kept.get(e.capture)?.get(e.frame);
      if (!p) { missing.push({ capture: e.capture, frame: e.frame }); continue; }
      placed.push({ e, p, ...aligned(p, offsets.get(e.capture) ?? 0) });
    }
    if (placed.length === 0) { written.push({ finding: index, path: '', packets: 0, missing }); continue; }
    placed.sort((a, b) => a.tsSec - b.tsSec || a.tsNsec - b.tsNsec);
    const file = path.join(dir, evidenceFileName(index, f.check, report.findings.length));
    await writeFinding(file, f, placed);
    written.push({ finding: index, path: file, packets: placed.length, missing });
  }
  return written;
}
