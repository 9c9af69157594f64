import { it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { ethernet, ipv4, tcp, TCP } from '../support/packet-bytes.js';
import { pcapBytes } from '../support/capture-bytes.js';
it('exp', () => {
  const records = [];
  const N = Number(process.env.N ?? 60);
  for (let k = 0; k < N; k++) {
    const vip = `10.${1 + (k >> 8)}.${k & 255}.100`;
    for (const [src, dst, ttl] of [['02:00:00:00:01:01', '02:00:00:00:02:02', 63], ['02:00:00:00:02:02', `02:00:00:00:03:${(k % 200).toString(16).padStart(2,'0')}`, 62]] as const) {
      const ip = ipv4({ src: '198.51.100.10', dst: vip, protocol: 6, ttl, id: k, payload: tcp({ sport: 40000 + k, dport: 80, flags: TCP.SYN, seq: k }) });
      records.push({ tsSec: 1_700_000_000 + k, tsFrac: ttl === 63 ? 0 : 100, data: ethernet({ src, dst, etherType: 0x0800, payload: ip }) });
    }
  }
  writeFileSync('/tmp/fz/many-vips.pcap', pcapBytes({ records }));
});
