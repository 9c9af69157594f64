// Captures and file names carrying terminal control sequences: the packets of a real fixture
// rewritten as pcapng with hostile strings in every string field pcapng has (section comment,
// shb_hardware/os/userappl, if_name, if_description, packet comments, NRB names, a custom
// block), saved under file names that carry the same sequences.

import { readFileSync } from 'node:fs';
import { readCapture } from '../../src/io/read-capture.js';
import { BLOCK, block, ByteBuilder, concatBytes, customBlock, epb, idb, OPT, shb, type OptionSpec } from '../support/capture-bytes.js';

/** Control sequences and characters a hostile string carries. */
export const SEQUENCES = {
  oscTitle: '\u001b]0;pwned\u0007',
  clearScreen: '\u001b[2J',
  red: '\u001b[31m',
  hyperlink: '\u001b]8;;http://example.invalid/\u001b\\click\u001b]8;;\u001b\\',
  c1Csi: '\u009b31m',
  bidi: '\u202e',
  /** U+061C ARABIC LETTER MARK, the bidi control outside the U+2000 block. */
  letterMark: '\u061c',
  nul: '\u0000',
} as const;

/** How each sequence must show up once escaped for a terminal. */
export const VISIBLE = {
  oscTitle: '\\e]0;pwned\\x07',
  clearScreen: '\\e[2J',
  red: '\\e[31m',
  hyperlink: '\\e]8;;http://example.invalid/\\e\\click',
  c1Csi: '\\x9b31m',
  bidi: '\\u{202e}',
  letterMark: '\\u{61c}',
  nul: '\\x00',
} as const;

export const ALL_SEQUENCES = Object.values(SEQUENCES).join('');

/** A file name cannot hold NUL or '/': the hyperlink gets a target without slashes. */
const FILE_NAME_PARTS = [
  SEQUENCES.oscTitle, SEQUENCES.clearScreen, SEQUENCES.red, '\u001b]8;;file:x\u001b\\click\u001b]8;;\u001b\\', `${SEQUENCES.c1Csi}${SEQUENCES.letterMark}`,
];

/** File names per capture host: a control sequence each, every other one a bidi override too. */
export function hostileFileName(host: string, i: number): string {
  return `${host}${FILE_NAME_PARTS[i % FILE_NAME_PARTS.length]!}${i % 2 === 0 ? SEQUENCES.bidi : ''}.pcapng`;
}

const LONG = `${ALL_SEQUENCES}${'A'.repeat(60_000)}${ALL_SEQUENCES}`;

function text(label: string): string {
  return `${label} ${ALL_SEQUENCES} end`;
}

function nameRecordBlock(): Uint8Array {
  const b = new ByteBuilder('le');
  const value = concatBytes(Uint8Array.of(192, 0, 2, 100), new TextEncoder().encode(`${text('vip')}\u0000${text('alias')}\u0000`));
  b.u16(1).u16(value.length).bytes(value).pad4();
  b.u16(0).u16(0);
  return block('le', BLOCK.NRB, b.build());
}

/** The packets of a classic pcap or pcapng file, rewritten as a hostile pcapng. */
export async function hostilePcapng(file: string): Promise<Uint8Array> {
  const bytes = new Uint8Array(readFileSync(file));
  const reader = readCapture((async function* () { yield bytes; })());
  const blocks: Uint8Array[] = [nameRecordBlock(), customBlock('le', new TextEncoder().encode(text('custom')))];
  const ifaces = new Map<number, number>();
  let n = 0;
  for await (const batch of reader.batches()) {
    for (const p of batch) {
      let id = ifaces.get(p.interfaceId);
      if (id === undefined) {
        id = ifaces.size;
        ifaces.set(p.interfaceId, id);
        blocks.push(idb('le', {
          linkType: p.linkType,
          options: [
            { code: OPT.IF_NAME, value: text('if_name') },
            { code: OPT.IF_DESCRIPTION, value: LONG },
            { code: OPT.COMMENT, value: text('idb comment') },
            { code: OPT.IF_TSRESOL, value: 9 },
          ],
        }));
      }
      const options: OptionSpec[] = n++ % 3 === 0 ? [{ code: OPT.COMMENT, value: n % 2 === 0 ? LONG : text('packet comment') }] : [];
      blocks.push(epb('le', { interfaceId: id, ts: BigInt(p.tsSec) * 1_000_000_000n + BigInt(p.tsNsec), data: p.data.slice(), len: p.len, options }));
    }
  }
  if (reader.error) throw new Error(`${file}: ${reader.error.message}`);
  const section = shb('le', {
    options: [
      { code: OPT.COMMENT, value: text('section comment') },
      { code: 2, value: text('shb_hardware') },
      { code: 3, value: LONG },
      { code: OPT.SHB_USERAPPL, value: text('shb_userappl') },
    ],
  });
  return concatBytes(section, ...blocks);
}
