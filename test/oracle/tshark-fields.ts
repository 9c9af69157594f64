// Runs tshark as a field-by-field oracle: one row per frame with the fields `decode` prints.

import { spawn } from 'node:child_process';

export const TSHARK_FIELDS = [
  'frame.encap_type', 'frame.time_epoch', 'frame.cap_len', 'frame.len',
  'eth.src', 'eth.dst', 'ieee8021ad.id', 'vlan.id',
  'arp.opcode', 'arp.src.hw_mac', 'arp.src.proto_ipv4', 'arp.dst.hw_mac', 'arp.dst.proto_ipv4',
  'ip.src', 'ip.dst', 'ip.ttl', 'ip.id', 'ip.proto',
  'ipv6.src', 'ipv6.dst', 'ipv6.hlim',
  'tcp.srcport', 'tcp.dstport', 'tcp.seq_raw', 'tcp.ack_raw', 'tcp.flags',
  'udp.srcport', 'udp.dstport', 'icmp.type', 'icmp.code', 'icmpv6.type', 'icmpv6.code',
  'sll.src.eth', '_ws.malformed', 'frame.protocols',
] as const;

export type TsharkField = (typeof TSHARK_FIELDS)[number];
/** Every occurrence of each field, outermost first. */
export type TsharkRow = Record<TsharkField, string[]>;

const PREFS = [
  '-o', 'tcp.analyze_sequence_numbers:FALSE', '-o', 'tcp.desegment_tcp_streams:FALSE',
  '-o', 'ip.defragment:FALSE', '-o', 'ipv6.defragment:FALSE', '-o', 'tcp.calculate_timestamps:FALSE',
];

export function runTshark(file: string, timeoutMs = 60_000): Promise<{ rows: TsharkRow[]; rc: number | null }> {
  const args = ['-r', file, '-n', '-T', 'fields', '-E', 'separator=\t', '-E', 'occurrence=a', '-E', 'aggregator=\u0001', ...PREFS];
  for (const f of TSHARK_FIELDS) args.push('-e', f);
  return new Promise((resolvePromise) => {
    const child = spawn('tshark', args, { stdio: ['ignore', 'pipe', 'ignore'], timeout: timeoutMs });
    const chunks: Buffer[] = [];
    // A tshark that cannot be started (missing under CI=true) fails the test instead of hanging it.
    child.on('error', () => resolvePromise({ rows: [], rc: null }));
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.on('close', (rc) => {
      const rows: TsharkRow[] = [];
      for (const line of Buffer.concat(chunks).toString('latin1').split('\n')) {
        if (line === '') continue;
        const cols = line.split('\t');
        const row = {} as TsharkRow;
        TSHARK_FIELDS.forEach((f, i) => { const v = cols[i] ?? ''; row[f] = v === '' ? [] : v.split('\u0001'); });
        // pcapng custom blocks are counted as frames without an encapsulation: not packets.
        if (row['frame.encap_type'].length === 0) continue;
        rows.push(row);
      }
      resolvePromise({ rows, rc });
    });
  });
}
