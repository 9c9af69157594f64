// The local capture path without a network: a fake binding that, like cap, copies every
// packet into one shared buffer and overwrites it with the next. The pcap stream it turns
// into must hold each packet as it was, readable by the same reader analyze uses.

import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { linkTypeOfCapName, loadCap, type CapModule, type CapSession } from '../../src/live/cap-binding.js';
import { captureFailureText, classifyOpenError } from '../../src/live/capture-failure.js';
import { openInterfaceCapture } from '../../src/live/interface-capture.js';
import { pcapFileHeader, pcapRecord, wallClock } from '../../src/live/pcap-stream.js';
import { readCaptureStream } from '../../src/io/open-capture.js';
import type { RawPacket } from '../../src/io/raw-packet.js';

type FakeSession = CapSession & { deliver(bytes: Uint8Array): void; closed: boolean };

/** A cap stand-in: open() keeps the caller's buffer, deliver() overwrites it and emits 'packet'. */
function fakeCap(openResult: string | Error = 'ETHERNET'): { module: CapModule; sessions: FakeSession[] } {
  const sessions: FakeSession[] = [];
  class Cap extends EventEmitter {
    buffer: Buffer | undefined;
    closed = false;
    constructor() { super(); sessions.push(this as unknown as FakeSession); }
    open(_device: string, _filter: string, _size: number, buffer: Buffer): string {
      if (openResult instanceof Error) throw openResult;
      this.buffer = buffer;
      return openResult;
    }
    close(): void { this.closed = true; }
    deliver(bytes: Uint8Array): void {
      this.buffer!.fill(0xee);
      this.buffer!.set(bytes);
      this.emit('packet', bytes.length, false);
    }
  }
  return { module: { Cap: Cap as unknown as CapModule['Cap'] }, sessions };
}

async function readAll(chunks: Uint8Array[]): Promise<RawPacket[]> {
  const reader = readCaptureStream((async function* stream() { yield* chunks; })());
  const out: RawPacket[] = [];
  for await (const batch of reader.batches()) out.push(...batch);
  expect(reader.error).toBeUndefined();
  return out;
}

describe('the pcap stream of a local interface', () => {
  it('copies each packet out of the shared buffer before the next one overwrites it', async () => {
    const { module, sessions } = fakeCap();
    const chunks: Uint8Array[] = [];
    let tick = 0;
    const opened = openInterfaceCapture(module, {
      iface: 'eth0', filter: '', out: { write: (b) => chunks.push(b) },
      clock: () => ({ sec: 1_700_000_000 + tick, nsec: 123_456_789 + tick++ }),
    });
    if (!opened.ok) throw new Error(opened.failure.detail);
    const packets = [Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8), Uint8Array.of(9, 9), new Uint8Array(1500).fill(7)];
    // All three arrive in one burst, each overwriting the buffer; the records go out after it.
    for (const p of packets) sessions[0]!.deliver(p);
    expect(chunks).toHaveLength(1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(chunks).toHaveLength(2);
    const read = await readAll(chunks);
    expect(read.map((p) => [...p.data])).toEqual(packets.map((p) => [...p]));
    expect(read.map((p) => [p.tsSec, p.tsNsec])).toEqual([[1_700_000_000, 123_456_789], [1_700_000_001, 123_456_790], [1_700_000_002, 123_456_791]]);
    expect(read.every((p) => p.linkType === 1 && p.len === p.caplen)).toBe(true);
    opened.capture.close();
    expect(sessions[0]!.closed).toBe(true);
  });

  it('writes the link type cap reports, cooked `any` included', async () => {
    for (const [name, linkType] of [['LINKTYPE_LINUX_SLL', 113], ['Unknown linktype 276', 276], ['RAW', 101]] as const) {
      const { module } = fakeCap(name);
      const chunks: Uint8Array[] = [];
      const opened = openInterfaceCapture(module, { iface: 'any', filter: '', out: { write: (b) => chunks.push(b) } });
      expect(opened.ok && opened.capture.linkType).toBe(linkType);
      expect(new DataView(chunks[0]!.buffer).getUint32(20, true)).toBe(linkType);
    }
    expect(linkTypeOfCapName('Unknown linktype')).toBeUndefined();
  });

  it('turns an open failure into the kind the operator is told about', () => {
    const { module } = fakeCap(new Error("You don't have permission to perform this capture on that device (socket: Operation not permitted)"));
    const opened = openInterfaceCapture(module, { iface: 'eth0', filter: '', out: { write: () => undefined } });
    expect(opened).toMatchObject({ ok: false, failure: { kind: 'permission' } });
  });

  it('builds records from a view, whatever else the buffer holds', () => {
    const buffer = Buffer.alloc(16, 0xab);
    const record = pcapRecord({ sec: 5, nsec: 6 }, buffer, 4, 60);
    expect([...record.subarray(16)]).toEqual([0xab, 0xab, 0xab, 0xab]);
    const view = new DataView(record.buffer);
    expect([view.getUint32(0, true), view.getUint32(4, true), view.getUint32(8, true), view.getUint32(12, true)]).toEqual([5, 6, 4, 60]);
    buffer.fill(0);
    expect(record[16]).toBe(0xab);
    expect([...pcapFileHeader(1, 65535).subarray(0, 4)]).toEqual([0x4d, 0x3c, 0xb2, 0xa1]);
    const t = wallClock();
    expect(Math.abs(t.sec * 1000 + t.nsec / 1e6 - Date.now())).toBeLessThan(1000);
  });
});

describe('the libpcap binding is optional', () => {
  it('reports a missing binding instead of throwing', async () => {
    const missing = await loadCap(() => Promise.reject(Object.assign(new Error("Cannot find package 'cap'"), { code: 'ERR_MODULE_NOT_FOUND' })));
    expect(missing).toEqual({ ok: false, detail: "Cannot find package 'cap'" });
    const noLibpcap = await loadCap(() => Promise.reject(new Error('libpcap.so.0.8: cannot open shared object file: No such file or directory')));
    expect(noLibpcap.ok).toBe(false);
  });

  it('finds the Cap class of the CommonJS module through the default export', async () => {
    const { module } = fakeCap();
    const loaded = await loadCap(() => Promise.resolve({ default: module }));
    expect(loaded.ok && loaded.cap.Cap).toBe(module.Cap);
    expect(await loadCap(() => Promise.resolve({ default: {} }))).toMatchObject({ ok: false });
  });

  it('says in one line what to install', () => {
    const line = captureFailureText('eth0', { kind: 'missing-binding', detail: "Cannot find package 'cap'" });
    expect(line).not.toContain('\n');
    expect(line).toContain('apt-get install libpcap-dev && npm install cap');
  });
});

describe('capture failures', () => {
  it.each([
    ['socket: Operation not permitted', 'permission'],
    ["You don't have permission to perform this capture on that device (socket: Operation not permitted)", 'permission'],
    ['eth9: No such device exists (SIOCGIFHWADDR: No such device)', 'no-device'],
    ["can't parse filter expression: syntax error", 'bad-filter'],
    ['something else broke', 'failed'],
  ] as const)('classifies %j as %s', (message, kind) => {
    expect(classifyOpenError(message)).toBe(kind);
  });

  it('tells how to get permission: root, or the capabilities with the setcap command', () => {
    const line = captureFailureText('eth0', { kind: 'permission', detail: 'socket: Operation not permitted' });
    expect(line).toContain('run as root or grant CAP_NET_RAW and CAP_NET_ADMIN');
    expect(line).toContain('setcap cap_net_raw,cap_net_admin=eip $(readlink -f $(which node))');
    expect(line).not.toContain('\n');
  });

  it('escapes what libpcap and the command line put in the message', () => {
    const line = captureFailureText('eth\u001b[2J0', { kind: 'bad-filter', detail: 'syntax error\u001b]0;x\u0007' }, 'tcp\u001b');
    expect(line).not.toMatch(/\u001b|\u0007/);
  });
});
