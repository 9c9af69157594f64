// On a busy director operators capture into rotating files: `tcpdump -C 100 -w director.pcap`
// (director.pcap, director.pcap1, …; with -W, director.pcap0, …), `tcpdump -G 60 -w
// director-%Y%m%d-%H%M%S.pcap`, `dumpcap -b filesize:…` and `editcap -c` (director_00001_
// 20261207203000.pcapng). Such files are one vantage point: analysed as separate captures, each
// would need its own warm-up and topology, and all would be open at once. Files named alike in
// one directory, whose first packets come at distinct times, are read as one capture in time
// order (read-sequence.ts).

import { basename, dirname } from 'node:path';

const EXTENSION = /\.(pcapng|pcap|cap|dmp)(\.gz)?$/i;
/** tcpdump -C: the counter goes after the whole name (director.pcap1, director.pcap1.gz). */
const TCPDUMP_COUNTER = /(\.(?:pcapng|pcap|cap|dmp))\d+((?:\.gz)?)$/i;
/** Before the extension: dumpcap's and editcap's _NNNNN_YYYYMMDDhhmmss, or a strftime time (tcpdump -G). */
const NAME_SUFFIXES: readonly RegExp[] = [
  /_\d{5}_\d{14}$/,
  /[-_.]\d{4}-?\d{2}-?\d{2}(?:[-_.T]?\d{2}[-_.:]?\d{2}(?:[-_.:]?\d{2})?)?$/,
  /[-_.]\d{10}$/,
];

/** The host label for a capture file: its base name without extension and rotation marks. */
export function captureNameOf(file: string): string {
  if (file === '-') return 'stdin';
  const base = basename(file).replace(TCPDUMP_COUNTER, '$1$2');
  const stem = base.replace(EXTENSION, '');
  for (const suffix of NAME_SUFFIXES) {
    const cut = stem.replace(suffix, '');
    if (cut !== stem && cut !== '') return cut;
  }
  return stem || file;
}

/** Files that may be parts of one rotated capture share this key. */
export function rotationKey(file: string, label = ''): string {
  return `${dirname(file)}\0${captureNameOf(file)}\0${label}`;
}

export type RotationCandidate = {
  readonly key: string;
  /** Time of the file's first packet; undefined for an empty or unreadable file. */
  readonly firstT: number | undefined;
};

/**
 * Groups of candidate indexes, each in reading order: members of one group share a key and
 * start at distinct times, and are ordered by their first packet. A file without packets (the
 * file tcpdump -G opens before any traffic, or an unreadable one) joins its key's group first,
 * where it adds nothing but its name (and its error). All files of a key where two start at the
 * same moment (the same capture given twice, or saved in two formats) stay alone, as does a
 * file given without a key. Groups are listed where their first member was given.
 */
export function groupRotated(candidates: readonly (RotationCandidate | undefined)[]): number[][] {
  const byKey = new Map<string, number[]>();
  const groups: number[][] = [];
  candidates.forEach((c, i) => {
    if (c === undefined) { groups.push([i]); return; }
    let g = byKey.get(c.key);
    if (!g) { g = []; byKey.set(c.key, g); groups.push(g); }
    g.push(i);
  });
  const out: number[][] = [];
  for (const g of groups) {
    const timed = g.filter((i) => candidates[i]?.firstT !== undefined);
    const starts = new Set(timed.map((i) => candidates[i]!.firstT));
    if (g.length === 1 || timed.length === 0 || starts.size < timed.length) { for (const i of g) out.push([i]); continue; }
    const untimed = g.filter((i) => candidates[i]?.firstT === undefined);
    out.push([...untimed, ...timed.sort((a, b) => candidates[a]!.firstT! - candidates[b]!.firstT!)]);
  }
  return out;
}
