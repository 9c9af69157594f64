// Reader failures are data: the packets before the failure are still delivered, then the
// reader reports one of these. The CLI prints it as one line naming file and byte offset.

export type CaptureErrorCode =
  | 'empty'
  | 'bad-magic'
  | 'unsupported-format'
  | 'unsupported-version'
  | 'truncated-header'
  | 'truncated-record'
  | 'caplen-too-large'
  | 'bad-block-length'
  | 'block-too-large'
  | 'block-trailer-mismatch'
  | 'bad-byte-order-magic'
  | 'unknown-interface'
  | 'bad-option'
  | 'read-failed';

export type CaptureError = {
  readonly code: CaptureErrorCode;
  /** Byte offset in the file where the problem was found. */
  readonly offset: number;
  /** One sentence, no file name (the caller adds it), no capture-supplied bytes unescaped. */
  readonly message: string;
};
