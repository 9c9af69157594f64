// Decides the container from the first four bytes. Recognised-but-unreadable formats get a
// message that names them and says how to convert; anything else is named by its hex magic.
// Messages never echo the bytes themselves except as hex.

export type SniffResult =
  | { readonly kind: 'pcap'; readonly littleEndian: boolean; readonly nanosecond: boolean; readonly kuznetsov: boolean }
  | { readonly kind: 'pcapng' }
  | { readonly kind: 'gzip' }
  | { readonly kind: 'unknown'; readonly message: string };

export const MAGIC = {
  PCAP_US: 0xa1b2c3d4,
  PCAP_NS: 0xa1b23c4d,
  PCAP_KUZNETSOV: 0xa1b2cd34,
  PCAP_NAVTEL: 0xa12b3c4d,
  PCAP_FMESQUITA: 0xa1b234cd,
  CBPF_SAVEFILE: 0xa1b2c3cb,
  PCAPNG_SHB: 0x0a0d0d0a,
} as const;

export const SNIFF_LENGTH = 4;

const CONVERT_HINT = 'convert with editcap -F pcap';

/** `b` must hold at least SNIFF_LENGTH bytes. */
export function sniffMagic(b: Uint8Array): SniffResult {
  const b0 = b[0]!, b1 = b[1]!, b2 = b[2]!, b3 = b[3]!;
  const be = ((b0 << 24) | (b1 << 16) | (b2 << 8) | b3) >>> 0;
  const le = ((b3 << 24) | (b2 << 16) | (b1 << 8) | b0) >>> 0;
  if (be === MAGIC.PCAPNG_SHB) return { kind: 'pcapng' };
  if (b0 === 0x1f && b1 === 0x8b) return { kind: 'gzip' };
  for (const [magic, littleEndian] of [[be, false], [le, true]] as const) {
    if (magic === MAGIC.PCAP_US) return { kind: 'pcap', littleEndian, nanosecond: false, kuznetsov: false };
    if (magic === MAGIC.PCAP_NS) return { kind: 'pcap', littleEndian, nanosecond: true, kuznetsov: false };
    if (magic === MAGIC.PCAP_KUZNETSOV) return { kind: 'pcap', littleEndian, nanosecond: false, kuznetsov: true };
  }
  return { kind: 'unknown', message: describeUnknownMagic(be, le, b) };
}

function describeUnknownMagic(be: number, le: number, b: Uint8Array): string {
  const hex = `0x${be.toString(16).padStart(8, '0')}`;
  const either = (m: number) => be === m || le === m;
  if (either(MAGIC.PCAP_NAVTEL)) return `magic ${hex} is Navtel's pcap variant, which is not supported; ${CONVERT_HINT}`;
  if (either(MAGIC.PCAP_FMESQUITA)) return `magic ${hex} is the FMesquita pcap variant, which is not supported; ${CONVERT_HINT}`;
  if (either(MAGIC.CBPF_SAVEFILE)) return `magic ${hex} is a libpcap compiled-filter file, not a packet capture`;
  const ascii = String.fromCharCode(b[0]!, b[1]!, b[2]!, b[3]!);
  if (ascii === 'snoo') return `magic ${hex} looks like a Solaris snoop file, which is not supported; ${CONVERT_HINT}`;
  if (ascii === 'GMBU' || ascii === 'RTSS') return `magic ${hex} looks like a Microsoft Network Monitor file, which is not supported; ${CONVERT_HINT}`;
  if (ascii === 'btsn') return `magic ${hex} looks like a btsnoop file, which is not supported; ${CONVERT_HINT}`;
  if (be === 0x28b52ffd) return `magic ${hex} is zstd-compressed data; decompress it first (zstd -d)`;
  if (be === 0xfd377a58) return `magic ${hex} is xz-compressed data; decompress it first (xz -d)`;
  if (be >>> 8 === 0x425a68) return `magic ${hex} is bzip2-compressed data; decompress it first (bzip2 -d)`;
  if (be === 0x504b0304) return `magic ${hex} is a zip archive; extract the capture first`;
  if (isPrintable(b)) return `magic ${hex} looks like text, not a capture file (was the capture printed instead of written with -w?)`;
  return `unknown magic ${hex}: not a pcap, pcapng or gzip file (for ERF, snoop and other formats, ${CONVERT_HINT})`;
}

function isPrintable(b: Uint8Array): boolean {
  for (let i = 0; i < SNIFF_LENGTH; i++) {
    const c = b[i]!;
    if (!(c === 0x09 || c === 0x0a || c === 0x0d || (c >= 0x20 && c < 0x7f))) return false;
  }
  return true;
}
