// The check's state is bounded by time, not by what it has seen: an ARP scan of thousands of
// addresses, each asked for once, must not keep it from noticing a later failure for the VIP.

import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/arp/vip-unresolved.js';
import type { CaptureView, FindingDraft } from '../../../src/checks/check-api.js';
import { makeSighting, type Sighting } from '../../../src/correlate/sighting.js';
import { EMPTY_TOPOLOGY, viewOf } from '../../../src/correlate/topology.js';
import type { Ipv4, Mac } from '../../../src/decode/addresses.js';
import type { Frame } from '../../../src/decode/frame-types.js';

const VIP = 0xc0000264 as Ipv4, ROUTER = 0xc0000201 as Ipv4, ROUTER_MAC = 0x020000000201 as Mac;
let n = 0;

function request(target: Ipv4, t: number): Sighting {
  n++;
  const frame = {
    frame: n, link: { kind: 'ethernet', src: ROUTER_MAC, dst: 0xffffffffffff, etherType: 0x0806 },
    arp: { kind: 'arp', op: 1, sha: ROUTER_MAC, spa: ROUTER, tha: 0 as Mac, tpa: target },
  } as unknown as Frame;
  return makeSighting(0, frame, t, { identity: n, invariant: 0, invariantSpan: 0 });
}

describe('arp/vip-unresolved bounds', () => {
  it('still reports the VIP after an ARP scan of 10,000 addresses', () => {
    const reports: FindingDraft<string>[] = [];
    const handlers = check.create({
      topology: viewOf({ ...EMPTY_TOPOLOGY, vips: [{ ip: VIP, ports: [{ protocol: 'tcp', port: 80 }] }] }),
      config: { services: [], declaredVips: [], hosts: [], sources: [] } as never,
      captures: [{ index: 0, name: 'router', role: 'router' } as CaptureView],
      report: (d) => reports.push(d),
      explain: () => {},
      isExplained: () => false,
    });
    let t = 0;
    for (let i = 0; i < 10_000; i++) handlers.sighting!(request((0x0a000000 + i) as Ipv4, (t += 0.01)), []);
    for (let i = 0; i < 3; i++) handlers.sighting!(request(VIP, (t += 1)), []);
    handlers.end!();
    expect(reports.map((r) => r.data.vip)).toEqual(['192.0.2.100']);
  });
});
