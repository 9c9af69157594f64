import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { sniffMagic } from '../../src/io/sniff.js';
import { PCAP_MAGIC, ByteBuilder, concatBytes, payload, pcapBytes, pcapngBytes, idb, epb } from '../support/capture-bytes.js';
import { readAll, split } from './read-helpers.js';

const be32 = (n: number) => new ByteBuilder('be').u32(n).build();
const le32 = (n: number) => new ByteBuilder('le').u32(n).build();

describe('sniffMagic', () => {
  it('recognises both pcap magics in both byte orders', () => {
    expect(sniffMagic(be32(PCAP_MAGIC.US))).toEqual({ kind: 'pcap', littleEndian: false, nanosecond: false, kuznetsov: false });
    expect(sniffMagic(le32(PCAP_MAGIC.US))).toEqual({ kind: 'pcap', littleEndian: true, nanosecond: false, kuznetsov: false });
    expect(sniffMagic(be32(PCAP_MAGIC.NS))).toEqual({ kind: 'pcap', littleEndian: false, nanosecond: true, kuznetsov: false });
    expect(sniffMagic(le32(PCAP_MAGIC.NS))).toEqual({ kind: 'pcap', littleEndian: true, nanosecond: true, kuznetsov: false });
    expect(sniffMagic(le32(PCAP_MAGIC.KUZNETSOV))).toMatchObject({ kind: 'pcap', kuznetsov: true });
  });

  it('recognises pcapng and gzip', () => {
    expect(sniffMagic(Uint8Array.of(0x0a, 0x0d, 0x0d, 0x0a))).toEqual({ kind: 'pcapng' });
    expect(sniffMagic(Uint8Array.of(0x1f, 0x8b, 8, 0))).toEqual({ kind: 'gzip' });
  });

  it.each([
    ['Navtel', le32(PCAP_MAGIC.NAVTEL), /Navtel.*editcap -F pcap/],
    ['FMesquita', be32(0xa1b234cd), /FMesquita.*editcap -F pcap/],
    ['compiled filter', le32(0xa1b2c3cb), /compiled-filter/],
    ['snoop', new TextEncoder().encode('snoop\0\0\0'), /snoop.*editcap -F pcap/],
    ['NetMon', new TextEncoder().encode('GMBU'), /Network Monitor.*editcap -F pcap/],
    ['zstd', Uint8Array.of(0x28, 0xb5, 0x2f, 0xfd), /zstd/],
    ['xz', Uint8Array.of(0xfd, 0x37, 0x7a, 0x58), /xz/],
    ['bzip2', Uint8Array.of(0x42, 0x5a, 0x68, 0x39), /bzip2/],
    ['text', new TextEncoder().encode('12:3'), /looks like text/],
    ['anything else', Uint8Array.of(0xde, 0xad, 0xbe, 0xef), /unknown magic 0xdeadbeef.*editcap -F pcap/],
  ])('names %s', (_name, bytes, pattern) => {
    const r = sniffMagic(bytes);
    expect(r.kind).toBe('unknown');
    expect(r.kind === 'unknown' && r.message).toMatch(pattern);
  });
});

describe('readCapture: sniffing', () => {
  it('reports an empty input', async () => {
    const { reader } = await readAll([]);
    expect(reader.error).toEqual({ code: 'empty', offset: 0, message: 'the file is empty' });
    expect(reader.format).toBeUndefined();
  });

  it('reports input too short to sniff', async () => {
    const { reader } = await readAll(Uint8Array.of(0xd4, 0xc3, 0xb2));
    expect(reader.error).toMatchObject({ code: 'truncated-header', offset: 0 });
  });

  it('reports a bad magic in hex without echoing the bytes', async () => {
    const text = new TextEncoder().encode('\x1b]0;pwned\x07 hello');
    const { reader } = await readAll(text);
    expect(reader.error?.code).toBe('bad-magic');
    expect(reader.error?.message).toContain('0x1b5d303b');
    expect(reader.error?.message).not.toMatch(/[\x00-\x1f\x7f]|pwned/);
  });

  it('sniffs a magic split over several chunks', async () => {
    const bytes = pcapBytes({ records: [{ data: payload(10) }] });
    const { reader, packets } = await readAll(split(bytes, [1, 2, 1, 100]));
    expect(reader.error).toBeUndefined();
    expect(packets).toHaveLength(1);
  });
});

describe('readCapture: gzip', () => {
  const pcap = pcapBytes({ order: 'be', magic: PCAP_MAGIC.NS, records: Array.from({ length: 50 }, (_, i) => ({ tsSec: i, tsFrac: i, data: payload(100 + i, i) })) });

  it('decompresses and reads pcap and pcapng, in any chunking', async () => {
    const plain = await readAll(pcap);
    for (const chunks of [[gzipSync(pcap)], split(gzipSync(pcap), 7), split(gzipSync(pcap), 1)]) {
      const { reader, packets } = await readAll(chunks);
      expect(reader.error).toBeUndefined();
      expect(reader.compressed).toBe(true);
      expect(reader.format).toBe('pcap-ns');
      expect(packets).toEqual(plain.packets);
      expect(reader.bytesRead).toBe(gzipSync(pcap).length);
    }
    const ng = pcapngBytes({ order: 'le', blocks: [idb('le'), epb('le', { data: payload(9) })] });
    const { reader, packets } = await readAll(gzipSync(ng));
    expect(reader.error).toBeUndefined();
    expect(reader.format).toBe('pcapng');
    expect(packets).toHaveLength(1);
  });

  it('reports errors inside the gzip stream with decompressed offsets', async () => {
    const cut = pcap.subarray(0, pcap.length - 10);
    const { reader, packets } = await readAll(gzipSync(cut));
    expect(packets).toHaveLength(49);
    expect(reader.error).toMatchObject({ code: 'truncated-record', offset: cut.length - (16 + 149 - 10) });
  });

  it('reports a cut-short gzip stream after delivering what decompressed', async () => {
    const big = pcapBytes({ records: Array.from({ length: 2000 }, (_, i) => ({ data: payload(200, i) })) });
    const gz = gzipSync(big);
    const { reader, packets } = await readAll(gz.subarray(0, gz.length - 100));
    expect(packets.length).toBeGreaterThan(0);
    expect(packets.length).toBeLessThan(2000);
    expect(reader.error).toMatchObject({ code: 'truncated-record', message: expect.stringMatching(/gzip stream is cut short.*decompressed/) });
  });

  it('reports corrupt gzip data', async () => {
    const gz = gzipSync(pcap);
    gz[2] = 0; // compression method: only 8 (deflate) exists
    const { reader, packets } = await readAll(gz);
    expect(packets).toEqual([]);
    expect(reader.error).toEqual({
      code: 'read-failed', offset: 0,
      message: 'the gzip data is corrupt (unknown compression method) after 0 decompressed bytes (offsets refer to the decompressed capture)',
    });
  });

  it('reports empty, bad-magic and nested gzip content', async () => {
    expect((await readAll(gzipSync(new Uint8Array(0)))).reader.error).toMatchObject({ code: 'empty' });
    const bad = await readAll(gzipSync(concatBytes(Uint8Array.of(1, 2, 3, 4), payload(100))));
    expect(bad.reader.error).toMatchObject({ code: 'bad-magic', message: expect.stringContaining('inside the gzip stream') });
    const nested = await readAll(gzipSync(gzipSync(pcap)));
    expect(nested.reader.error?.code).toBe('unsupported-format');
  });
});
