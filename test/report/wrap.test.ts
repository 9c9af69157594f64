import { describe, expect, it } from 'vitest';
import { fitWidths } from '../../src/report/grid.js';
import { wrapText } from '../../src/report/wrap.js';

describe('wrapText', () => {
  it.each([
    ['short', 10, ['short']],
    ['one two three four', 9, ['one two', 'three', 'four']],
    ['abcdefghij', 4, ['abcd', 'efgh', 'ij']],
    ['  indented line here', 10, ['  indented', '  line', '  here']],
    ['a\n\nb', 5, ['a', '', 'b']],
  ])('wraps %j at %i', (text, width, lines) => {
    expect(wrapText(text, width)).toEqual(lines);
  });
});

describe('fitWidths', () => {
  it('keeps natural widths that fit and shrinks the widest first', () => {
    expect(fitWidths([10, 20], 80)).toEqual([10, 20]);
    const widths = fitWidths([10, 100], 80);
    expect(widths).toEqual([10, 80 - 1 - 6 - 10]);
  });
});
