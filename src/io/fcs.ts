// Trailing Ethernet FCS removal. A frame cut by the snap length does not contain its FCS
// (the cut came first), so only the part of the FCS that was captured is removed then.

/** Captured length after removing `fcsLen` FCS bytes; unchanged when the frame is too short. */
export function caplenWithoutFcs(caplen: number, len: number, fcsLen: number): number {
  if (len < fcsLen) return caplen;
  if (caplen >= len) return caplen - fcsLen;
  const wire = len - fcsLen;
  return caplen < wire ? caplen : wire;
}

/** Wire length after removing `fcsLen` FCS bytes; unchanged when the frame is too short. */
export function lenWithoutFcs(len: number, fcsLen: number): number {
  return len < fcsLen ? len : len - fcsLen;
}
