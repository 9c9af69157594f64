import { describe, expect, it } from 'vitest';
import type { FindingJson } from '../../src/report/report-types.js';
import { wiresharkFilterFor } from '../../src/report/wireshark-filter.js';
import { sampleReport } from '../support/sample-report.js';

function finding(...summaries: string[]): FindingJson {
  const { wiresharkFilter: _ignored, ...rest } = sampleReport.findings[0]!;
  return { ...rest, evidence: summaries.map((summary, i) => ({ capture: 'a.pcap', frame: i + 1, ts: '1.000000000', summary })) };
}

describe('wiresharkFilterFor', () => {
  it('keeps the filter the check set', () => {
    expect(wiresharkFilterFor(sampleReport.findings[0]!)).toBe(sampleReport.findings[0]!.wiresharkFilter);
  });

  it.each([
    [['192.0.2.100 is-at 02:00:00:00:02:11'], 'arp.opcode == 2 && arp.src.proto_ipv4 == 192.0.2.100 && arp.src.hw_mac == 02:00:00:00:02:11'],
    [['ARP 192.0.2.100 is-at 02:00:00:00:02:11'], 'arp.opcode == 2 && arp.src.proto_ipv4 == 192.0.2.100 && arp.src.hw_mac == 02:00:00:00:02:11'],
    [['who-has 192.0.2.100 tell 192.0.2.1', '192.0.2.100 is-at 02:00:00:00:02:11'],
      '(arp.opcode == 1 && arp.dst.proto_ipv4 == 192.0.2.100 && arp.src.proto_ipv4 == 192.0.2.1) || (arp.opcode == 2 && arp.src.proto_ipv4 == 192.0.2.100 && arp.src.hw_mac == 02:00:00:00:02:11)'],
    [['Gratuitous ARP for 192.0.2.100 (Request) from 02:00:00:00:02:11'], 'arp.isgratuitous && arp.src.proto_ipv4 == 192.0.2.100 && arp.src.hw_mac == 02:00:00:00:02:11'],
    // Both directions and every vantage point of one connection give one term.
    [['198.51.100.10:40002 > 192.0.2.100:80 TCP [S] seq 0', '192.0.2.100:80 > 198.51.100.10:40002 TCP [R.] ack 1', '198.51.100.10:40002 > 192.0.2.100:80 TCP [S] to 02:00:00:00:02:12'],
      'ip.addr == 192.0.2.100 && ip.addr == 198.51.100.10 && tcp.port == 80 && tcp.port == 40002'],
  ])('derives %j', (summaries, filter) => {
    expect(wiresharkFilterFor(finding(...summaries))).toBe(filter);
  });

  it('gives none when a summary is not understood or there is no evidence', () => {
    expect(wiresharkFilterFor(finding('192.0.2.100 is-at 02:00:00:00:02:11', 'VRRPv2 vrid 51'))).toBeUndefined();
    expect(wiresharkFilterFor(finding())).toBeUndefined();
    expect(wiresharkFilterFor(finding('1.2.3.4 is-at 02:00:00:00:02:11; drop table'))).toContain('1.2.3.4');
    expect(wiresharkFilterFor(finding('x" || frame is-at'))).toBeUndefined();
  });
});
