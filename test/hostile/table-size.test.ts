// A capture can make one table cell very tall: a director that forwards to many VIPs gives one
// topology evidence line per VIP. Rendering must stay linear in the lines (cli-table3 took 96 s
// for a 60-line cell, cubic in its lines).

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderGrid } from '../../src/report/grid.js';
import { pcapBytes, type PcapRecordSpec } from '../support/capture-bytes.js';
import { ethernet, ipv4, tcp, TCP } from '../support/packet-bytes.js';
import { checkTerminalText } from '../fuzz/invariants.js';
import { runCli } from './cli-run.js';

const ROUTER = '02:00:00:00:01:01', DIRECTOR = '02:00:00:00:02:02';

/** The director receives a SYN for each of `n` VIPs and forwards it unchanged to one of 200 MACs. */
function manyVips(n: number): Uint8Array {
  const records: PcapRecordSpec[] = [];
  for (let k = 0; k < n; k++) {
    const vip = `10.${1 + (k >> 8)}.${k & 255}.100`;
    const rs = `02:00:00:00:03:${(k % 200).toString(16).padStart(2, '0')}`;
    for (const [src, dst, ttl] of [[ROUTER, DIRECTOR, 63], [DIRECTOR, rs, 62]] as const) {
      const ip = ipv4({ src: '198.51.100.10', dst: vip, protocol: 6, ttl, id: k, payload: tcp({ sport: 40_000 + k, dport: 80, flags: TCP.SYN, seq: k }) });
      records.push({ tsSec: 1_700_000_000 + k, tsFrac: ttl === 63 ? 0 : 100, data: ethernet({ src, dst, etherType: 0x0800, payload: ip }) });
    }
  }
  return pcapBytes({ records });
}

describe('tall table cells', () => {
  // cli-table3 took hours on this; linear drawing takes milliseconds. The bound only catches a
  // return of the cubic behaviour, with room for a loaded machine.
  it('a 2,000-line cell renders in seconds, not hours', () => {
    const cell = Array.from({ length: 2000 }, (_, i) => `- 10.0.${i >> 8}.${i & 255} is a VIP: 02:00:00:00:02:02 forwarded packets for it`).join('\n');
    const started = performance.now();
    const out = renderGrid([['inferred', cell]], { columns: 100, color: false });
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(out.split('\n').length).toBeGreaterThan(2000);
  });

  it('analyze --format table on a director forwarding to 300 VIPs finishes in seconds', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lvsd-vips-'));
    const file = path.join(dir, 'director.pcap');
    writeFileSync(file, manyVips(300));
    const o = await runCli(['analyze', '--format', 'table', file]);
    expect([0, 1]).toContain(o.code);
    expect(o.ms).toBeLessThan(10_000);
    checkTerminalText('table', o.stdout);
    expect(o.stdout).toContain('10.2.43.100');
  });
});
