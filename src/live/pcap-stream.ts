// Classic pcap bytes for a live capture: a nanosecond-magic file header, then one record per
// packet. Records are built from the capture binding's shared buffer at once, so each packet
// is copied out before the next one overwrites it.

export const PCAP_NS_MAGIC = 0xa1b23c4d;
const FILE_HEADER_LENGTH = 24;
const RECORD_HEADER_LENGTH = 16;

export function pcapFileHeader(linkType: number, snapLen: number): Uint8Array {
  const bytes = new Uint8Array(FILE_HEADER_LENGTH);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, PCAP_NS_MAGIC, true);
  view.setUint16(4, 2, true);
  view.setUint16(6, 4, true);
  view.setUint32(16, snapLen, true);
  view.setUint32(20, linkType & 0xffff, true);
  return bytes;
}

export type PacketTime = { readonly sec: number; readonly nsec: number };

/** A record holding a copy of `buffer[0, caplen)`; `wireLength` defaults to caplen. */
export function pcapRecord(time: PacketTime, buffer: Uint8Array, caplen: number, wireLength = caplen): Uint8Array {
  const n = Math.max(0, Math.min(caplen, buffer.length));
  const bytes = new Uint8Array(RECORD_HEADER_LENGTH + n);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, time.sec >>> 0, true);
  view.setUint32(4, time.nsec >>> 0, true);
  view.setUint32(8, n, true);
  view.setUint32(12, Math.max(n, wireLength) >>> 0, true);
  bytes.set(buffer.subarray(0, n), RECORD_HEADER_LENGTH);
  return bytes;
}

/**
 * Wall-clock time with sub-microsecond resolution. The binding reports no capture timestamp,
 * so the time is taken when the packet reaches JavaScript (immediate mode keeps that close).
 */
export function wallClock(): PacketTime {
  const ms = performance.timeOrigin + performance.now();
  const sec = Math.floor(ms / 1000);
  const nsec = Math.min(999_999_999, Math.max(0, Math.round((ms - sec * 1000) * 1e6)));
  return { sec, nsec };
}
