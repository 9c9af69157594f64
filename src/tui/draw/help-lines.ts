// The `?` overlay.

import { seg, type Line } from '../lines.js';

const KEYS: readonly (readonly [string, string])[] = [
  ['j / k, ↓ / ↑', 'select the next / previous finding (scroll inside a view)'],
  ['PgDn / PgUp', 'one page down / up'],
  ['g / G', 'first / last'],
  ['Enter', 'open the detail of the selected finding'],
  ['Tab / Shift-Tab', 'next / previous: findings, detail, journey, ARP, distribution'],
  ['Esc', 'back to the findings list'],
  ['/', 'filter: type words, Enter applies, Esc cancels, empty clears'],
  ['?', 'this help (any key closes it)'],
  ['q, Ctrl-C', 'quit'],
];

export function helpLines(): Line[] {
  return [
    [seg('Keys', undefined, { bold: true })],
    [],
    ...KEYS.map(([key, what]): Line => [seg(`  ${key.padEnd(17)}`, 'accent', { bold: true }), seg(what)]),
    [],
    [seg('Journey: ● seen at that vantage point, ✗ expected there and missing.', 'muted')],
    [seg('ARP: A announcement, R reply, T traffic sent to that MAC; ✗ marks a MAC that is not a director.', 'muted')],
  ];
}
