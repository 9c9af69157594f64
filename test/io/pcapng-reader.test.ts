import { describe, expect, it } from 'vitest';
import {
  BLOCK, OPT, block, concatBytes, customBlock, epb, idb, isb, payload, pb, pcapngBytes, shb, spb, type ByteOrder, type IdbSpec,
} from '../support/capture-bytes.js';
import { readAll, split } from './read-helpers.js';

const NS = { code: OPT.IF_TSRESOL, value: 9 };
const SHB_LENGTH = 28;

describe('pcapng: sections and interfaces', () => {
  for (const order of ['le', 'be'] as const) {
    it(`reads EPBs with interface options (${order})`, async () => {
      const bytes = pcapngBytes({
        order,
        blocks: [
          idb(order, { linkType: 1, snapLen: 262144, options: [{ code: OPT.IF_NAME, value: 'eth0' }, { code: OPT.IF_DESCRIPTION, value: 'uplink\0' }, NS] }),
          epb(order, { ts: 1_700_000_000_123_456_789n, data: payload(60), len: 60 }),
          epb(order, { ts: 1_700_000_001_000_000_001n, data: payload(33, 2), len: 1500 }),
        ],
      });
      const { reader, packets } = await readAll(bytes);
      expect(reader.error).toBeUndefined();
      expect(reader.format).toBe('pcapng');
      expect(reader.interfaces).toEqual([{ id: 0, section: 0, linkType: 1, snapLen: 262144, fcsLen: 0, name: 'eth0', description: 'uplink' }]);
      const idbLength = bytes.length - SHB_LENGTH - 2 * 0 - (32 + 60) - (32 + 36);
      expect(packets).toEqual([
        { frame: 1, tsSec: 1_700_000_000, tsNsec: 123_456_789, linkType: 1, caplen: 60, len: 60, data: Array.from(payload(60)), interfaceId: 0, fileOffset: SHB_LENGTH + idbLength },
        { frame: 2, tsSec: 1_700_000_001, tsNsec: 1, linkType: 1, caplen: 33, len: 1500, data: Array.from(payload(33, 2)), interfaceId: 0, fileOffset: SHB_LENGTH + idbLength + 92 },
      ]);
      expect(reader.warnings).toEqual([]);
    });
  }

  it('reads several sections with different byte orders, numbering interfaces globally', async () => {
    const bytes = pcapngBytes(
      { order: 'le', blocks: [idb('le', { linkType: 1, options: [NS] }), idb('le', { linkType: 276, options: [NS] }), epb('le', { interfaceId: 1, ts: 5_000_000_000n, data: payload(10) })] },
      { order: 'be', blocks: [idb('be', { linkType: 113 }), epb('be', { interfaceId: 0, ts: 7_000_001n, data: payload(11) })] },
      { order: 'le', shb: { minor: 2 }, blocks: [idb('le', { linkType: 101 }), epb('le', { interfaceId: 0, data: payload(12) })] },
    );
    const { reader, packets } = await readAll(bytes);
    expect(reader.error).toBeUndefined();
    expect(reader.interfaces.map((i) => [i.id, i.section, i.linkType])).toEqual([[0, 0, 1], [1, 0, 276], [2, 1, 113], [3, 2, 101]]);
    expect(packets.map((p) => [p.frame, p.interfaceId, p.linkType, p.tsSec, p.tsNsec, p.caplen])).toEqual([
      [1, 1, 276, 5, 0, 10],
      [2, 2, 113, 7, 1000, 11],
      [3, 3, 101, 0, 0, 12],
    ]);
    expect(reader.warnings).toEqual([]);
  });

  it('resets interface ids at a new section', async () => {
    const bytes = pcapngBytes(
      { order: 'le', blocks: [idb('le'), idb('le')] },
      { order: 'le', blocks: [epb('le', { interfaceId: 1, data: payload(4) })] },
    );
    const { reader, packets } = await readAll(bytes);
    expect(packets).toEqual([]);
    expect(reader.error).toMatchObject({ code: 'unknown-interface', message: expect.stringContaining('interface 1') });
  });

  it('mixes link types per interface in one section', async () => {
    const order: ByteOrder = 'le';
    const bytes = pcapngBytes({
      order,
      blocks: [idb(order, { linkType: 1 }), epb(order, { data: payload(14) }), idb(order, { linkType: 276 }), epb(order, { interfaceId: 1, data: payload(20) }), epb(order, { data: payload(15) })],
    });
    const { reader, packets } = await readAll(bytes);
    expect(reader.error).toBeUndefined();
    expect(packets.map((p) => [p.interfaceId, p.linkType])).toEqual([[0, 1], [1, 276], [0, 1]]);
  });

  it('reads SPB (interface 0, no timestamp, capped by snaplen) and the obsolete PB', async () => {
    const bytes = pcapngBytes({
      order: 'be',
      blocks: [
        idb('be', { linkType: 1, snapLen: 50, options: [NS] }),
        spb('be', { data: payload(50), len: 1514 }),
        spb('be', { data: payload(21) }),
        pb('be', { interfaceId: 0, ts: 2_000_000_000_5n, data: payload(40) }),
      ],
    });
    const { reader, packets } = await readAll(bytes);
    expect(reader.error).toBeUndefined();
    expect(packets.map((p) => [p.tsSec, p.tsNsec, p.caplen, p.len, p.data.length])).toEqual([
      [0, 0, 50, 1514, 50], [0, 0, 21, 21, 21], [20, 5, 40, 40, 40],
    ]);
    expect(packets[1]!.data).toEqual(Array.from(payload(21)));
  });

  it('skips NRB, DSB, custom and unknown blocks', async () => {
    const order: ByteOrder = 'le';
    const bytes = pcapngBytes({
      order,
      blocks: [
        block(order, BLOCK.NRB, payload(17)),
        idb(order),
        customBlock(order, payload(9)),
        block(order, BLOCK.DSB, payload(40)),
        epb(order, { data: payload(8) }),
        customBlock(order, payload(3), false),
        block(order, 0x80000001, payload(12)),
        block(order, 0x0000abcd, new Uint8Array(0)),
        epb(order, { data: payload(9) }),
      ],
    });
    const { reader, packets } = await readAll(bytes);
    expect(reader.error).toBeUndefined();
    expect(packets.map((p) => p.frame)).toEqual([1, 2]);
  });

  it('keeps the latest ISB counters per interface', async () => {
    const order: ByteOrder = 'be';
    const counters = (recv: bigint, drop: bigint) => [
      { code: OPT.COMMENT, value: 'Counters provided by dumpcap' },
      { code: OPT.ISB_IFRECV, value: recv },
      { code: OPT.ISB_IFDROP, value: drop },
    ];
    const bytes = pcapngBytes({
      order,
      blocks: [
        idb(order), idb(order),
        isb(order, { interfaceId: 1, options: counters(10n, 1n) }),
        isb(order, { interfaceId: 0, options: [...counters(2n ** 40n, 0n), { code: OPT.ISB_OSDROP, value: 7n }] }),
        isb(order, { interfaceId: 1, options: counters(0xffff_ffff_ffffn, 3n) }),
        isb(order, { interfaceId: 9 }),
      ],
    });
    const { reader } = await readAll(bytes);
    expect(reader.error).toBeUndefined();
    expect(reader.stats).toEqual([
      { interfaceId: 1, ifRecv: 0xffff_ffff_ffffn, ifDrop: 3n },
      { interfaceId: 0, ifRecv: 2n ** 40n, ifDrop: 0n, osDrop: 7n },
    ]);
    expect(reader.warnings.map((w) => w.code)).toEqual(['isb-unknown-interface']);
  });
});

describe('pcapng: timestamps', () => {
  const oneEpb = async (options: IdbSpec['options'], ts: bigint, order: ByteOrder = 'le') => {
    const { reader, packets } = await readAll(pcapngBytes({ order, blocks: [idb(order, { options }), epb(order, { ts, data: payload(4) })] }));
    expect(reader.error).toBeUndefined();
    return [packets[0]!.tsSec, packets[0]!.tsNsec];
  };

  it('defaults to microseconds', async () => {
    expect(await oneEpb([], 1_700_000_000_654_321n)).toEqual([1_700_000_000, 654_321_000]);
  });

  it('reads 10^-n resolutions', async () => {
    expect(await oneEpb([{ code: OPT.IF_TSRESOL, value: 3 }], 1_700_000_000_999n)).toEqual([1_700_000_000, 999_000_000]);
    expect(await oneEpb([{ code: OPT.IF_TSRESOL, value: 0 }], 1_700_000_000n)).toEqual([1_700_000_000, 0]);
    expect(await oneEpb([{ code: OPT.IF_TSRESOL, value: 9 }], 1_767_225_600_123_456_789n, 'be')).toEqual([1_767_225_600, 123_456_789]);
    expect(await oneEpb([{ code: OPT.IF_TSRESOL, value: 12 }], 1_700_000_000_123_456_789_999n % (1n << 64n))).toEqual(
      expectedDecimal(1_700_000_000_123_456_789_999n % (1n << 64n), 12),
    );
  });

  it('reads 2^-n resolutions', async () => {
    // 2^-10: 1024 units per second; 512 units = 0.5 s.
    expect(await oneEpb([{ code: OPT.IF_TSRESOL, value: 0x80 | 10 }], 1024n * 1_700_000_000n + 512n)).toEqual([1_700_000_000, 500_000_000]);
    // 2^-30: truncated to whole nanoseconds.
    expect(await oneEpb([{ code: OPT.IF_TSRESOL, value: 0x80 | 30 }], (1n << 30n) * 5n + 3n)).toEqual([5, 2]);
  });

  it('adds a signed if_tsoffset', async () => {
    expect(await oneEpb([{ code: OPT.IF_TSOFFSET, value: 1_000_000_000n }, NS], 5_000_000_001n)).toEqual([1_000_000_005, 1]);
    expect(await oneEpb([{ code: OPT.IF_TSOFFSET, value: -100n }, NS], 5_000_000_001n, 'be')).toEqual([-95, 1]);
  });

  it('ignores options with the wrong length, with a warning', async () => {
    const { reader, packets } = await readAll(pcapngBytes({ order: 'le', blocks: [idb('le', { options: [{ code: OPT.IF_TSRESOL, value: Uint8Array.of(9, 9) }] }), epb('le', { ts: 1_500_000n, data: payload(4) })] }));
    expect(reader.error).toBeUndefined();
    expect(packets[0]).toMatchObject({ tsSec: 1, tsNsec: 500_000_000 });
    expect(reader.warnings.map((w) => w.code)).toEqual(['option-bad-length']);
  });
});

function expectedDecimal(units: bigint, n: number): [number, number] {
  const d = 10n ** BigInt(n);
  return [Number(units / d), Number(((units % d) * 1_000_000_000n) / d)];
}

describe('pcapng: FCS', () => {
  it('removes if_fcslen bytes from complete frames', async () => {
    const { reader, packets } = await readAll(pcapngBytes({ order: 'le', blocks: [idb('le', { options: [{ code: OPT.IF_FCSLEN, value: 4 }] }), epb('le', { data: payload(64) })] }));
    expect(reader.error).toBeUndefined();
    expect(reader.interfaces[0]!.fcsLen).toBe(4);
    expect(packets[0]).toMatchObject({ caplen: 60, len: 60 });
  });

  it('reads if_fcslen 32 as bits and ignores implausible values, with warnings', async () => {
    const { reader } = await readAll(pcapngBytes({ order: 'le', blocks: [idb('le', { options: [{ code: OPT.IF_FCSLEN, value: 32 }] }), idb('le', { options: [{ code: OPT.IF_FCSLEN, value: 200 }] })] }));
    expect(reader.interfaces.map((i) => i.fcsLen)).toEqual([4, 0]);
    expect(reader.warnings.map((w) => w.code)).toEqual(['odd-fcs-length', 'odd-fcs-length']);
  });
});

describe('pcapng: options walking', () => {
  it('stops at the block end without opt_endofopt', async () => {
    const body = concatBytes(Uint8Array.of(1, 0, 0, 0, 0, 0, 0, 0), Uint8Array.of(2, 0, 4, 0), new TextEncoder().encode('eth1'));
    const { reader } = await readAll(pcapngBytes({ order: 'le', blocks: [block('le', BLOCK.IDB, body)] }));
    expect(reader.error).toBeUndefined();
    expect(reader.interfaces[0]!.name).toBe('eth1');
  });

  it('handles zero-length options and an option running past the block', async () => {
    const { reader, packets } = await readAll(pcapngBytes({
      order: 'le',
      blocks: [idb('le', { options: [{ code: 3000, value: new Uint8Array(0) }, { code: OPT.IF_NAME, value: 'x', length: 60000 }] }), epb('le', { data: payload(4) })],
    }));
    expect(reader.error).toBeUndefined();
    expect(packets).toHaveLength(1);
    expect(reader.interfaces[0]!.name).toBeUndefined();
    expect(reader.warnings.map((w) => w.code)).toEqual(['option-overrun']);
  });

  it('caps very long interface names', async () => {
    const { reader } = await readAll(pcapngBytes({ order: 'le', blocks: [idb('le', { options: [{ code: OPT.IF_NAME, value: 'n'.repeat(5000) }] })] }));
    expect(reader.interfaces[0]!.name).toHaveLength(1024);
  });
});

describe('pcapng: structural errors', () => {
  const good = (order: ByteOrder = 'le') => [idb(order), epb(order, { data: payload(8) })];

  it('rejects a total length below 12 or not a multiple of 4', async () => {
    for (const totalLength of [8, 13, 0]) {
      const bytes = pcapngBytes({ order: 'le', blocks: [...good(), block('le', BLOCK.EPB, payload(20), { totalLength })] });
      const { reader, packets } = await readAll(bytes);
      expect(packets).toHaveLength(1);
      expect(reader.error).toMatchObject({ code: 'bad-block-length', offset: bytes.length - 32 + 4 });
    }
  });

  it('rejects a block larger than maxBlockLength before reading it', async () => {
    const bytes = concatBytes(pcapngBytes({ order: 'le', blocks: good() }), block('le', BLOCK.EPB, payload(20), { totalLength: 0xfffffff0 }));
    const { reader, packets } = await readAll(bytes);
    expect(packets).toHaveLength(1);
    expect(reader.error).toMatchObject({ code: 'block-too-large', message: expect.stringContaining('4294967280') });
    const small = await readAll(pcapngBytes({ order: 'le', blocks: good() }), { maxBlockLength: 39 });
    expect(small.reader.error?.code).toBe('block-too-large');
  });

  it('rejects a trailer that differs from the header', async () => {
    const bytes = pcapngBytes({ order: 'be', blocks: [...good('be'), epb('be', { data: payload(8), trailer: 36 })] });
    const { reader, packets } = await readAll(bytes);
    expect(packets).toHaveLength(1);
    expect(reader.error).toMatchObject({ code: 'block-trailer-mismatch', offset: bytes.length - 4 });
  });

  it('rejects an EPB whose caplen does not fit in the block', async () => {
    const { reader, packets } = await readAll(pcapngBytes({ order: 'le', blocks: [...good(), epb('le', { data: payload(8), caplen: 9 })] }));
    expect(packets).toHaveLength(1);
    expect(reader.error).toMatchObject({ code: 'bad-block-length', message: expect.stringContaining('9 captured bytes') });
  });

  it('rejects an EPB caplen above maxCaplen', async () => {
    const { reader, packets } = await readAll(pcapngBytes({ order: 'le', blocks: [...good(), epb('le', { data: payload(300) })] }), { maxCaplen: 299 });
    expect(packets).toHaveLength(1);
    expect(reader.error?.code).toBe('caplen-too-large');
  });

  it('rejects short EPB, IDB, SPB and ISB blocks', async () => {
    for (const [type, size] of [[BLOCK.EPB, 16], [BLOCK.IDB, 4], [BLOCK.SPB, 0], [BLOCK.ISB, 8]] as const) {
      const { reader } = await readAll(pcapngBytes({ order: 'le', blocks: [idb('le'), block('le', type, payload(size))] }));
      expect(reader.error?.code).toBe('bad-block-length');
    }
  });

  it('rejects packets for interfaces that were never described', async () => {
    for (const blocks of [[epb('le', { data: payload(4) })], [idb('le'), pb('le', { interfaceId: 1, data: payload(4) })], [spb('le', { data: payload(4) })]]) {
      const { reader, packets } = await readAll(pcapngBytes({ order: 'le', blocks }));
      expect(packets).toEqual([]);
      expect(reader.error?.code).toBe('unknown-interface');
    }
  });

  it('rejects a bad byte-order magic', async () => {
    const bytes = pcapngBytes({ order: 'le', shb: { byteOrderMagic: Uint8Array.of(1, 2, 3, 4) }, blocks: [] });
    const { reader } = await readAll(bytes);
    expect(reader.error).toMatchObject({ code: 'bad-byte-order-magic', offset: 8, message: expect.stringContaining('0x01020304') });
  });

  it('rejects SHB major version ≠ 1, also in a later section', async () => {
    const { reader } = await readAll(pcapngBytes({ order: 'be', shb: { major: 2 }, blocks: [] }));
    expect(reader.error).toMatchObject({ code: 'unsupported-version', offset: 12 });
    const later = pcapngBytes({ order: 'le', blocks: good() }, { order: 'le', shb: { major: 0, minor: 1 }, blocks: good() });
    const second = await readAll(later);
    expect(second.packets).toHaveLength(1);
    expect(second.reader.error).toMatchObject({ code: 'unsupported-version', message: expect.stringContaining('0.1') });
  });

  it('accepts minor versions other than 0 with a warning', async () => {
    const { reader } = await readAll(pcapngBytes({ order: 'le', shb: { minor: 1 }, blocks: good() }));
    expect(reader.error).toBeUndefined();
    expect(reader.warnings.map((w) => w.code)).toEqual(['pcapng-minor-version']);
  });

  it('rejects an SHB length too short or too long', async () => {
    expect((await readAll(shb('le', { totalLength: 24 }))).reader.error?.code).toBe('bad-block-length');
    expect((await readAll(shb('le', { totalLength: 0x7ffffff0 }))).reader.error?.code).toBe('block-too-large');
  });

  it('reports a truncated first section header and a truncated later block', async () => {
    const bytes = pcapngBytes({ order: 'le', blocks: good() });
    const first = await readAll(bytes.subarray(0, 20));
    expect(first.reader.error).toMatchObject({ code: 'truncated-header', offset: 0 });
    const last = await readAll(bytes.subarray(0, bytes.length - 3));
    expect(last.packets).toEqual([]);
    expect(last.reader.error).toMatchObject({ code: 'truncated-record', offset: bytes.length - 40, message: expect.stringContaining('40 bytes but only 37') });
    const inHeader = await readAll(bytes.subarray(0, bytes.length - 36));
    expect(inHeader.reader.error).toMatchObject({ code: 'truncated-record', offset: bytes.length - 40 });
  });
});

describe('pcapng: keeping some interfaces', () => {
  it('delivers only the kept interfaces\' packets, under the file\'s own frame numbers', async () => {
    const bytes = pcapngBytes({
      order: 'le',
      blocks: [
        idb('le', { options: [NS] }), idb('le', { options: [NS] }),
        epb('le', { interfaceId: 0, data: payload(20, 1) }),
        epb('le', { interfaceId: 1, data: payload(21, 2) }),
        epb('le', { interfaceId: 1, data: payload(22, 3) }),
        epb('le', { interfaceId: 0, data: payload(23, 4) }),
      ],
    });
    const all = await readAll(bytes);
    for (const [keep, frames] of [[0, [1, 4]], [1, [2, 3]]] as const) {
      const { reader, packets } = await readAll(split(bytes, 17), { keepInterface: (id) => id === keep });
      expect(packets.map((p) => [p.frame, p.interfaceId])).toEqual(frames.map((f) => [f, keep]));
      expect(packets).toEqual(all.packets.filter((p) => p.interfaceId === keep));
      expect(reader.interfaces.length).toBe(2);
      expect(reader.error).toBeUndefined();
    }
  });
});
