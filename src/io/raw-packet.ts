// What a capture reader hands to the decoder: one captured frame plus where it came from.
// `data` is a view into the reader's current chunk. It stays valid as long as it is
// referenced, but anything kept beyond the current batch must be copied (keeping a view
// keeps the whole chunk alive).

export type RawPacket = {
  /** 1-based frame number within the capture file, as Wireshark counts packets. */
  readonly frame: number;
  /** Seconds since the epoch (integer; may be negative after a pcapng if_tsoffset). */
  readonly tsSec: number;
  /** Nanoseconds within the second, 0..999_999_999. */
  readonly tsNsec: number;
  /** LINKTYPE_* value (masked to 16 bits for classic pcap). */
  readonly linkType: number;
  /** Bytes present in `data` (after removing a trailing FCS, if the capture says there is one). */
  readonly caplen: number;
  /** Length of the frame on the wire. */
  readonly len: number;
  readonly data: Uint8Array;
  /** Index into CaptureInfo.interfaces (global across pcapng sections; 0 for classic pcap). */
  readonly interfaceId: number;
  /** Byte offset of the record (pcap record header or pcapng block) in the file. */
  readonly fileOffset: number;
};

export type CaptureFormat = 'pcap' | 'pcap-ns' | 'pcapng';

export type CaptureInterface = {
  readonly id: number;
  readonly section: number;
  readonly linkType: number;
  readonly snapLen: number;
  /** Raw capture-supplied strings: escape before printing. */
  readonly name?: string;
  readonly description?: string;
  /** Trailing FCS bytes per frame (0 when absent). */
  readonly fcsLen: number;
};

export type InterfaceStats = {
  readonly interfaceId: number;
  /** Packets dropped by the interface / OS, from pcapng ISB isb_ifdrop / isb_osdrop. */
  readonly ifDrop?: bigint;
  readonly osDrop?: bigint;
  readonly ifRecv?: bigint;
};
