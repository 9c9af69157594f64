// `lvs-doctor decode`: records for every frame, schema-valid JSONL, and bad input reported as
// one stderr line naming the file and the byte offset while the other files are still decoded.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { pcapBytes, PCAP_MAGIC } from '../support/capture-bytes.js';
import { fakeIo } from '../support/fake-io.js';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as unknown as (ajv: Ajv) => Ajv;
const validate = addFormats(new Ajv({ allErrors: true, strict: false })).compile(JSON.parse(readFileSync(join(root, 'schema/decode-record.schema.json'), 'utf8')));
const fixture = join(root, 'fixtures/healthy-wrr/director.pcap');

// A client SYN to the VIP as the director receives it (hand-built for this test).
const SYN = Uint8Array.from(Buffer.from(
  '020000000202' + '020000000201' + '0800' +
  '45000028abcd40003f06' + '0000' + 'c633640a' + 'c0000264' +
  'd6d800500000006400000000' + '5002faf00000' + '0000', 'hex'));

function tempFile(name: string, bytes: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'lvsd-decode-'));
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
}

describe('lvs-doctor decode', () => {
  it('prints one schema-valid JSONL record per frame of a real capture', async () => {
    const io = fakeIo();
    expect(await run(['decode', fixture], io)).toBe(0);
    const lines = io.stdout.text().trim().split('\n');
    expect(lines.length).toBeGreaterThan(10);
    for (const line of lines) {
      const rec = JSON.parse(line);
      expect(validate(rec), JSON.stringify(validate.errors)).toBe(true);
    }
    expect(JSON.parse(lines[0]!).frame).toBe(1);
    expect(io.stderr.text()).toBe('');
  });

  it('decodes the fields of a hand-built frame, with a nanosecond timestamp', async () => {
    const file = tempFile('syn.pcap', pcapBytes({ magic: PCAP_MAGIC.NS, records: [{ tsSec: 1_763_740_000, tsFrac: 123_456_789, data: SYN }] }));
    const io = fakeIo();
    expect(await run(['decode', file], io)).toBe(0);
    expect(JSON.parse(io.stdout.text())).toEqual({
      file, frame: 1, ts: '1763740000.123456789', linktype: 1, caplen: 54, len: 54, link: 'ethernet',
      'eth.src': '02:00:00:00:02:01', 'eth.dst': '02:00:00:00:02:02',
      'ip.version': 4, 'ip.src': '198.51.100.10', 'ip.dst': '192.0.2.100', 'ip.ttl': 63, 'ip.id': 0xabcd, 'ip.proto': 6,
      'tcp.sport': 55000, 'tcp.dport': 80, 'tcp.seq': 100, 'tcp.ack': 0, 'tcp.flags': 2,
    });
  });

  it('reports a bad file on one line with its byte offset, exits 2, and still decodes the others', async () => {
    const bad = tempFile('bad.pcap', Uint8Array.from([0xde, 0xad, 0xbe, 0xef, 1, 2, 3, 4]));
    const good = tempFile('good.pcap', pcapBytes({ records: [{ data: SYN }] }));
    const io = fakeIo();
    expect(await run(['decode', bad, good], io)).toBe(2);
    const errLines = io.stderr.text().trim().split('\n');
    expect(errLines).toHaveLength(1);
    expect(errLines[0]).toContain(bad);
    expect(errLines[0]).toMatch(/byte 0/);
    expect(io.stdout.text().trim().split('\n')).toHaveLength(1);
  });

  it('reports a truncated last record after the complete ones', async () => {
    const whole = pcapBytes({ records: [{ data: SYN }, { data: SYN }] });
    const cut = tempFile('cut.pcap', whole.subarray(0, whole.length - 10));
    const io = fakeIo();
    expect(await run(['decode', cut], io)).toBe(2);
    expect(io.stdout.text().trim().split('\n')).toHaveLength(1);
    expect(io.stderr.text()).toMatch(new RegExp(`cut\\.pcap: byte ${24 + 16 + SYN.length}:`));
  });

  it('reads from stdin with -', async () => {
    const io = fakeIo({ stdin: pcapBytes({ records: [{ data: SYN }] }) });
    expect(await run(['decode', '-'], io)).toBe(0);
    expect(JSON.parse(io.stdout.text())['ip.dst']).toBe('192.0.2.100');
  });

  it('escapes control characters of file names in errors', async () => {
    const io = fakeIo();
    expect(await run(['decode', '/nonexistent/\u001b]0;pwned\u0007.pcap'], io)).toBe(2);
    expect(io.stderr.text()).not.toMatch(/\u001b|\u0007/);
    expect(io.stderr.text()).toContain('\\e]0;pwned\\x07');
  });

  it('prints a readable table', async () => {
    const io = fakeIo();
    expect(await run(['decode', '--format', 'table', fixture], io)).toBe(0);
    expect(io.stdout.text()).toMatch(/192\.0\.2\.100:80 TCP \[S\]/);
  });
});
