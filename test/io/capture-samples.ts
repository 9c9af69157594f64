// A small zoo of valid captures covering every container feature, shared by the chunking
// and mutation tests.

import {
  BLOCK, OPT, PCAP_MAGIC, block, customBlock, epb, idb, isb, payload, pb, pcapBytes, pcapngBytes, spb,
} from '../support/capture-bytes.js';

const records = (n: number, size: number) =>
  Array.from({ length: n }, (_, i) => ({ tsSec: 1_700_000_000 + i, tsFrac: i * 1000, data: payload(size + (i % 5), i) }));

export const SAMPLE_CAPTURES: Readonly<Record<string, Uint8Array>> = {
  'pcap-us-le': pcapBytes({ records: records(12, 60) }),
  'pcap-ns-be': pcapBytes({ order: 'be', magic: PCAP_MAGIC.NS, records: records(9, 80) }),
  'pcap-2.2': pcapBytes({ minor: 2, oldFieldOrder: true, records: records(5, 30) }),
  'pcap-2.3-swapped': pcapBytes({ minor: 3, oldFieldOrder: true, records: [{ data: payload(10), len: 200 }, { data: payload(12) }] }),
  'pcap-fcs': pcapBytes({ linkTypeWord: 0x24000001, records: records(4, 64) }),
  'pcap-kuznetsov': pcapBytes({ magic: PCAP_MAGIC.KUZNETSOV, recordHeaderExtra: 8, records: records(4, 40) }),
  'pcapng-mixed': pcapngBytes(
    {
      order: 'le',
      blocks: [
        idb('le', { linkType: 1, snapLen: 262144, options: [{ code: OPT.IF_NAME, value: 'eth0' }, { code: OPT.IF_TSRESOL, value: 9 }, { code: OPT.IF_FCSLEN, value: 4 }] }),
        idb('le', { linkType: 276, options: [{ code: OPT.IF_TSRESOL, value: 0x80 | 20 }, { code: OPT.IF_TSOFFSET, value: -3600n }] }),
        epb('le', { ts: 1_767_225_600_123_456_789n, data: payload(70), options: [{ code: OPT.COMMENT, value: 'hi' }] }),
        block('le', BLOCK.NRB, payload(21)),
        epb('le', { interfaceId: 1, ts: 1_767_225_600n << 20n, data: payload(33) }),
        customBlock('le', payload(5)),
        pb('le', { interfaceId: 1, ts: 99n, data: payload(17) }),
        isb('le', { interfaceId: 0, options: [{ code: OPT.ISB_IFRECV, value: 10n }, { code: OPT.ISB_IFDROP, value: 2n }] }),
      ],
    },
    {
      order: 'be',
      blocks: [idb('be', { linkType: 113, snapLen: 40 }), spb('be', { data: payload(50), len: 90 }), epb('be', { ts: 1n << 40n, data: payload(3) }), block('be', BLOCK.DSB, payload(16))],
    },
  ),
};
