import type { CaptureView } from '../checks/check-api.js';
import type { InferredCaptureHost } from '../correlate/infer-topology.js';
import type { TopologyView } from '../correlate/topology.js';
import { linkKindOf, type CaptureSource } from './capture-source.js';

/** What checks know about each capture: its host, role, link kind, clock offset and counters. */
export function captureViews(
  sources: readonly CaptureSource[], hosts: readonly InferredCaptureHost[], topology: TopologyView,
  offsets: readonly number[], offsetKnown: readonly boolean[],
): CaptureView[] {
  return sources.map((src, i) => {
    const hostInfo = hosts[i]!;
    const host = hostInfo.mac !== undefined ? topology.hostByMac(hostInfo.mac) : undefined;
    return {
      index: i,
      file: src.input.file,
      name: src.input.name,
      role: hostInfo.role,
      ...(hostInfo.mac !== undefined ? { hostMac: hostInfo.mac } : {}),
      ...(host ? { host } : {}),
      get linkKind() { return linkKindOf(src.counters); },
      ...(offsetKnown[i] ? { clockOffset: offsets[i]! } : {}),
      stats: src.counters,
      get failed() { return src.input.reader.error !== undefined; },
    };
  });
}
