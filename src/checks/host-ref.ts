// How findings name hosts: the MAC and the first address the topology knows for them.

import type { HostInfo } from '../correlate/topology.js';
import type { CaptureView, HostRef } from './check-api.js';

export function hostRefOf(h: HostInfo): HostRef {
  return { ...(h.mac !== undefined ? { mac: h.mac } : {}), ...(h.ips[0] !== undefined ? { ip: h.ips[0] } : {}) };
}

/** A capture's host: its addresses when the topology knows it, else the MAC that owns the capture. */
export function captureHostRefs(c: CaptureView): HostRef[] {
  if (c.host) return [hostRefOf(c.host)];
  return c.hostMac !== undefined ? [{ mac: c.hostMac }] : [];
}
