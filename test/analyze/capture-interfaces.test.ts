import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { peekCapture, MAX_INTERFACE_PARTS } from '../../src/analyze/capture-interfaces.js';
import { OPT, epb, idb, payload, pcapBytes, pcapngBytes, type OptionSpec } from '../support/capture-bytes.js';

const dir = mkdtempSync(join(tmpdir(), 'lvsd-ifaces-'));
let n = 0;
function file(bytes: Uint8Array): string {
  const f = join(dir, `f${n++}.pcapng`);
  writeFileSync(f, bytes);
  return f;
}
const interfaceParts = async (f: string) => (await peekCapture(f)).parts;
const named = (name: string): OptionSpec[] => [{ code: OPT.IF_NAME, value: name }];

async function split(blocks: Uint8Array[]) {
  const parts = await interfaceParts(file(pcapngBytes({ order: 'le', blocks })));
  return parts.map((p) => ({ label: p.label, keeps: [0, 1, 2, 3, 4].filter((id) => p.keeps(id)) }));
}

describe('peekCapture: interface parts', () => {
  it('makes one part per interface that carries packets, named after the interface', async () => {
    expect(await split([
      idb('le', { options: named('eth0') }), idb('le', { options: named('eth1') }),
      epb('le', { interfaceId: 1, data: payload(20) }), epb('le', { interfaceId: 0, data: payload(20) }),
    ])).toEqual([{ label: 'eth0', keeps: [0] }, { label: 'eth1', keeps: [1, 2, 3, 4] }]);
  });

  it('leaves a silent interface with the last part, so none of its packets is lost', async () => {
    expect(await split([
      idb('le'), idb('le'), idb('le'),
      epb('le', { interfaceId: 0, data: payload(20) }), epb('le', { interfaceId: 2, data: payload(20) }),
    ])).toEqual([{ label: 'if0', keeps: [0] }, { label: 'if2', keeps: [1, 2, 3, 4] }]);
  });

  it('cleans names taken from the capture and tells repeated ones apart', async () => {
    expect(await split([
      idb('le', { options: named('\u001b[31meth0\u0007') }), idb('le', { options: named('lo') }), idb('le', { options: named('lo') }), idb('le', { options: named('\u001b\u0007') }),
      ...[0, 1, 2, 3].map((interfaceId) => epb('le', { interfaceId, data: payload(20) })),
    ])).toEqual([
      { label: '__31meth0_', keeps: [0] }, { label: 'lo.1', keeps: [1] }, { label: 'lo.2', keeps: [2] }, { label: 'if3', keeps: [3, 4] },
    ]);
  });

  it('leaves a file with more interfaces than a DR set-up has whole: each part would read the file again', async () => {
    const many = (n: number) => pcapngBytes({ order: 'le', blocks: [
      ...Array.from({ length: n }, () => idb('le')),
      ...Array.from({ length: n }, (_, interfaceId) => epb('le', { interfaceId, data: payload(20) })),
    ] });
    expect((await interfaceParts(file(many(MAX_INTERFACE_PARTS)))).length).toBe(MAX_INTERFACE_PARTS);
    expect(await interfaceParts(file(many(MAX_INTERFACE_PARTS + 1)))).toEqual([]);
    expect(await interfaceParts(file(many(5000)))).toEqual([]);
  });

  it('leaves a file with one interface, a classic pcap and an unreadable file whole', async () => {
    expect(await split([idb('le'), idb('le'), epb('le', { interfaceId: 1, data: payload(20) }), epb('le', { interfaceId: 1, data: payload(20) })])).toEqual([]);
    expect(await interfaceParts(file(pcapBytes({ records: [{ data: payload(20) }] })))).toEqual([]);
    expect(await interfaceParts(join(dir, 'missing.pcapng'))).toEqual([]);
    expect(await interfaceParts(file(new Uint8Array([1, 2, 3])))).toEqual([]);
  });
});
