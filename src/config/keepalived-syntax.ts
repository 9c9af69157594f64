// keepalived.conf syntax: one statement per line, words separated by blanks, `{` and `}`
// as words of their own (also when glued to a neighbour), `"quoted strings"`, and comments
// from a word starting with `#` or `!` to the end of the line. A `{` alone on a line opens
// the block of the statement on the line before.

import type { LineMessage } from './config-result.js';

export type Statement = {
  readonly words: readonly string[];
  readonly line: number;
  /** The statements inside `{ … }`, when it has a block. */
  readonly block: readonly Statement[] | undefined;
};

type Building = { words: string[]; line: number; block: Building[] | undefined };

export function parseKeepalivedSyntax(text: string): { statements: Statement[]; errors: LineMessage[] } {
  const errors: LineMessage[] = [];
  const root: Building[] = [];
  const open: { list: Building[]; owner: Building | undefined }[] = [{ list: root, owner: undefined }];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    let current: Building | undefined;
    for (const word of lineWords(raw)) {
      const level = open[open.length - 1]!;
      if (word === '{') {
        // No words yet on this line: the block belongs to the previous statement.
        const owner = current ?? level.list[level.list.length - 1];
        if (owner === undefined || owner.block !== undefined) {
          errors.push({ line, message: "'{' without a keyword before it" });
          const orphan: Building = { words: [], line, block: [] };
          level.list.push(orphan);
          open.push({ list: orphan.block!, owner: orphan });
        } else {
          owner.block = [];
          open.push({ list: owner.block, owner });
        }
        current = undefined;
      } else if (word === '}') {
        if (open.length === 1) errors.push({ line, message: "'}' without a matching '{'" });
        else open.pop();
        current = undefined;
      } else if (current === undefined) {
        current = { words: [word], line, block: undefined };
        level.list.push(current);
      } else {
        current.words.push(word);
      }
    }
  });
  for (const level of open.slice(1)) {
    errors.push({ line: level.owner?.line ?? 0, message: `'{' of '${level.owner?.words[0] ?? ''}' is never closed` });
  }
  return { statements: root, errors };
}

function lineWords(raw: string): string[] {
  const words: string[] = [];
  const pattern = /"([^"]*)"?|[{}]|[^\s{}"]+/g;
  for (const match of raw.matchAll(pattern)) {
    const word = match[0];
    if (word.startsWith('#') || word.startsWith('!')) break;
    words.push(match[1] ?? word);
  }
  return words;
}
