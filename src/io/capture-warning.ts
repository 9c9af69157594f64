// Non-fatal oddities found while reading. They never stop the reader; the CLI may show them
// as notes so a user knows why, say, a frame length differs from what another tool prints.

export type CaptureWarningCode =
  | 'linktype-reserved-bits'
  | 'linktype-fcs-without-p-bit'
  | 'odd-snaplen'
  | 'caplen-exceeds-snaplen'
  | 'version-2.3-swapped'
  | 'kuznetsov-pcap'
  | 'pcapng-minor-version'
  | 'option-overrun'
  | 'option-bad-length'
  | 'odd-fcs-length'
  | 'spb-multiple-interfaces'
  | 'isb-unknown-interface'
  | 'warnings-suppressed';

export type CaptureWarning = {
  readonly code: CaptureWarningCode;
  /** Byte offset in the capture stream (the decompressed stream for gzip input). */
  readonly offset: number;
  /** One sentence; never contains capture-supplied bytes. */
  readonly message: string;
};
