// Public surface of the decode layer.

export { decodeFrame } from './frame.js';
export { DECODE_ISSUE_CODES, type DecodeIssueCode, type DecodeResult, type Decoded, type DecodeFailure } from './result.js';
export * from './constants.js';
export * from './addresses.js';
export type * from './frame-types.js';
export { NO_VLANS } from './frame-types.js';
export type * from './issues.js';
