import { describe, expect, it } from 'vitest';
import { PCAP_MAGIC, concatBytes, payload, pcapBytes, pcapHeader, type ByteOrder } from '../support/capture-bytes.js';
import { readAll } from './read-helpers.js';

const ORDERS: readonly ByteOrder[] = ['le', 'be'];

describe('classic pcap: magic, precision and byte order', () => {
  for (const order of ORDERS) {
    it(`reads microsecond pcap (${order})`, async () => {
      const bytes = pcapBytes({
        order, magic: PCAP_MAGIC.US, snapLen: 65535, linkTypeWord: 1,
        records: [
          { tsSec: 1_700_000_000, tsFrac: 123_456, data: payload(60, 1) },
          { tsSec: 1_700_000_001, tsFrac: 999_999, data: payload(42, 2), len: 1514 },
        ],
      });
      const { reader, packets } = await readAll(bytes);
      expect(reader.error).toBeUndefined();
      expect(reader.format).toBe('pcap');
      expect(reader.interfaces).toEqual([{ id: 0, section: 0, linkType: 1, snapLen: 65535, fcsLen: 0 }]);
      expect(packets).toEqual([
        { frame: 1, tsSec: 1_700_000_000, tsNsec: 123_456_000, linkType: 1, caplen: 60, len: 60, data: Array.from(payload(60, 1)), interfaceId: 0, fileOffset: 24 },
        { frame: 2, tsSec: 1_700_000_001, tsNsec: 999_999_000, linkType: 1, caplen: 42, len: 1514, data: Array.from(payload(42, 2)), interfaceId: 0, fileOffset: 24 + 16 + 60 },
      ]);
      expect(reader.packetCount).toBe(2);
      expect(reader.bytesRead).toBe(bytes.length);
      expect(reader.warnings).toEqual([]);
    });

    it(`reads nanosecond pcap (${order})`, async () => {
      const bytes = pcapBytes({
        order, magic: PCAP_MAGIC.NS,
        records: [{ tsSec: 4_000_000_000, tsFrac: 999_999_999, data: payload(20) }],
      });
      const { reader, packets } = await readAll(bytes);
      expect(reader.error).toBeUndefined();
      expect(reader.format).toBe('pcap-ns');
      expect(packets[0]).toMatchObject({ tsSec: 4_000_000_000, tsNsec: 999_999_999 });
    });
  }

  it('carries an out-of-range fraction into the seconds', async () => {
    const { packets } = await readAll(pcapBytes({ records: [{ tsSec: 10, tsFrac: 2_500_000, data: payload(4) }] }));
    expect(packets[0]).toMatchObject({ tsSec: 12, tsNsec: 500_000_000 });
  });

  it('reads Kuznetsov modified pcap, skipping its longer record header', async () => {
    const bytes = pcapBytes({ magic: PCAP_MAGIC.KUZNETSOV, recordHeaderExtra: 8, records: [{ data: payload(30) }, { data: payload(31, 2) }] });
    const { reader, packets } = await readAll(bytes);
    expect(reader.error).toBeUndefined();
    expect(packets.map((p) => p.data)).toEqual([Array.from(payload(30)), Array.from(payload(31, 2))]);
    expect(reader.warnings.map((w) => w.code)).toEqual(['kuznetsov-pcap']);
  });

  it('reads a header-only file as zero packets without error', async () => {
    const { reader, packets } = await readAll(pcapHeader());
    expect(reader.error).toBeUndefined();
    expect(packets).toEqual([]);
    expect(reader.interfaces).toHaveLength(1);
  });
});

describe('classic pcap: versions', () => {
  const rec = { data: payload(10), caplen: 10, len: 100 };

  it.each([[2, 4], [2, 3]])('keeps caplen/len order in %i.%i when caplen ≤ len', async (major, minor) => {
    const { reader, packets } = await readAll(pcapBytes({ major, minor, records: [rec] }));
    expect(reader.error).toBeUndefined();
    expect(packets[0]).toMatchObject({ caplen: 10, len: 100 });
    expect(reader.warnings).toEqual([]);
  });

  it.each([[2, 0], [2, 2]])('swaps caplen and len for %i.%i', async (major, minor) => {
    const { reader, packets } = await readAll(pcapBytes({ major, minor, oldFieldOrder: true, records: [rec] }));
    expect(reader.error).toBeUndefined();
    expect(packets[0]).toMatchObject({ caplen: 10, len: 100 });
  });

  it('swaps caplen and len for 2.3 when caplen > len, with a warning', async () => {
    const { reader, packets } = await readAll(pcapBytes({ minor: 3, oldFieldOrder: true, records: [rec, rec] }));
    expect(reader.error).toBeUndefined();
    expect(packets.map((p) => [p.caplen, p.len])).toEqual([[10, 100], [10, 100]]);
    expect(reader.warnings.map((w) => w.code)).toEqual(['version-2.3-swapped']);
  });

  it.each([[1, 4], [2, 5], [9, 9], [0, 0]])('rejects version %i.%i', async (major, minor) => {
    const { reader, packets } = await readAll(pcapBytes({ major, minor, records: [rec] }));
    expect(packets).toEqual([]);
    expect(reader.error).toEqual({ code: 'unsupported-version', offset: 4, message: expect.stringContaining(`${major}.${minor}`) });
  });
});

describe('classic pcap: link-type word', () => {
  it('masks the link type and removes a 4-byte FCS when the P bit is set', async () => {
    // FCS length 2 (16-bit words = 4 bytes), P bit, link type 1.
    const word = (2 << 28 | 0x04000000 | 1) >>> 0;
    const frame = payload(64);
    const { reader, packets } = await readAll(pcapBytes({ linkTypeWord: word, records: [{ data: frame }] }));
    expect(reader.error).toBeUndefined();
    expect(reader.interfaces[0]).toMatchObject({ linkType: 1, fcsLen: 4 });
    expect(packets[0]).toMatchObject({ linkType: 1, caplen: 60, len: 60, data: Array.from(frame.subarray(0, 60)) });
    expect(reader.warnings).toEqual([]);
  });

  it('does not remove FCS bytes that a snap length cut off', async () => {
    const word = (2 << 28 | 0x04000000 | 1) >>> 0;
    const { packets } = await readAll(pcapBytes({ linkTypeWord: word, records: [{ data: payload(100), len: 1518 }] }));
    expect(packets[0]).toMatchObject({ caplen: 100, len: 1514 });
  });

  it('removes only the captured part of an FCS cut in the middle', async () => {
    const word = (2 << 28 | 0x04000000 | 1) >>> 0;
    const { packets } = await readAll(pcapBytes({ linkTypeWord: word, records: [{ data: payload(62), len: 64 }] }));
    expect(packets[0]).toMatchObject({ caplen: 60, len: 60 });
  });

  it('leaves frames shorter than the FCS alone', async () => {
    const word = (2 << 28 | 0x04000000 | 1) >>> 0;
    const { packets } = await readAll(pcapBytes({ linkTypeWord: word, records: [{ data: payload(3) }] }));
    expect(packets[0]).toMatchObject({ caplen: 3, len: 3 });
  });

  it('ignores FCS bits without the P bit, with a warning', async () => {
    const { reader, packets } = await readAll(pcapBytes({ linkTypeWord: 0x30000001, records: [{ data: payload(64) }] }));
    expect(reader.error).toBeUndefined();
    expect(packets[0]).toMatchObject({ linkType: 1, caplen: 64 });
    expect(reader.warnings.map((w) => w.code)).toEqual(['linktype-fcs-without-p-bit']);
    expect(reader.warnings[0]!.message).toContain('0x30000001');
  });

  it('warns on reserved and R bits but still reads', async () => {
    const { reader, packets } = await readAll(pcapBytes({ linkTypeWord: 0x08300071, records: [{ data: payload(8) }] }));
    expect(reader.error).toBeUndefined();
    expect(packets[0]).toMatchObject({ linkType: 0x71 });
    expect(reader.warnings.map((w) => w.code)).toEqual(['linktype-reserved-bits']);
  });
});

describe('classic pcap: lengths', () => {
  it('tolerates caplen > snaplen, keeping all bytes, with one warning', async () => {
    const { reader, packets } = await readAll(pcapBytes({ snapLen: 64, records: [{ data: payload(100) }, { data: payload(90) }] }));
    expect(reader.error).toBeUndefined();
    expect(packets.map((p) => p.caplen)).toEqual([100, 90]);
    expect(reader.warnings.map((w) => w.code)).toEqual(['caplen-exceeds-snaplen']);
  });

  it('warns on a zero or huge snap length', async () => {
    for (const snapLen of [0, 0xffffffff]) {
      const { reader } = await readAll(pcapBytes({ snapLen, records: [{ data: payload(8) }] }));
      expect(reader.error).toBeUndefined();
      expect(reader.warnings.map((w) => w.code)).toEqual(['odd-snaplen']);
    }
  });

  it('tolerates len < caplen and caplen 0', async () => {
    const { reader, packets } = await readAll(pcapBytes({ records: [{ data: payload(20), len: 10 }, { data: new Uint8Array(0) }, { data: payload(5) }] }));
    expect(reader.error).toBeUndefined();
    expect(packets.map((p) => [p.caplen, p.len])).toEqual([[20, 10], [0, 0], [5, 5]]);
  });

  it('accepts caplen = 262144 and stops at 262145 after delivering earlier packets', async () => {
    const ok = await readAll(pcapBytes({ records: [{ data: payload(262_144) }] }));
    expect(ok.reader.error).toBeUndefined();
    expect(ok.packets[0]!.caplen).toBe(262_144);

    const bytes = concatBytes(
      pcapBytes({ records: [{ data: payload(10) }, { data: payload(11) }] }),
      pcapBytes({ records: [{ data: payload(4), caplen: 262_145 }] }).subarray(24),
    );
    const { reader, packets } = await readAll(bytes);
    expect(packets).toHaveLength(2);
    expect(reader.error).toEqual({ code: 'caplen-too-large', offset: 24 + 26 + 27, message: expect.stringContaining('262145') });
  });

  it('stops at once on a corrupt caplen without buffering the rest of the file', async () => {
    const bytes = concatBytes(
      pcapBytes({ records: [{ data: payload(10) }] }),
      pcapBytes({ records: [{ data: payload(4), caplen: 0xfffffff0 }] }).subarray(24),
      payload(1_000_000),
    );
    const { reader, packets } = await readAll(bytes);
    expect(packets).toHaveLength(1);
    expect(reader.error?.code).toBe('caplen-too-large');
    expect(reader.error?.message).toContain('4294967280');
  });

  it('honours a smaller maxCaplen option', async () => {
    const { reader, packets } = await readAll(pcapBytes({ records: [{ data: payload(100) }, { data: payload(101) }] }), { maxCaplen: 100 });
    expect(packets).toHaveLength(1);
    expect(reader.error?.code).toBe('caplen-too-large');
  });
});

describe('classic pcap: truncation', () => {
  const whole = pcapBytes({ records: [{ data: payload(50) }, { data: payload(60) }, { data: payload(70) }] });
  const lastRecord = 24 + 66 + 76;

  it('reports a cut-short last record after delivering the complete ones', async () => {
    const { reader, packets } = await readAll(whole.subarray(0, whole.length - 7));
    expect(packets).toHaveLength(2);
    expect(reader.error).toEqual({ code: 'truncated-record', offset: lastRecord, message: expect.stringContaining('86 bytes but only 79') });
  });

  it('reports a cut-short record header', async () => {
    const { reader, packets } = await readAll(whole.subarray(0, lastRecord + 5));
    expect(packets).toHaveLength(2);
    expect(reader.error).toMatchObject({ code: 'truncated-record', offset: lastRecord });
  });

  it('reports a cut-short file header', async () => {
    const { reader, packets } = await readAll(whole.subarray(0, 20));
    expect(packets).toEqual([]);
    expect(reader.error).toMatchObject({ code: 'truncated-header', offset: 0 });
    expect(reader.error!.message).toContain('only 20');
    expect(reader.interfaces).toEqual([]);
  });
});
