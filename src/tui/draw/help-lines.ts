// The `?` overlay.

import { seg, type Line } from '../lines.js';

const KEYS: readonly (readonly [string, string])[] = [
  ['j / k, ↓ / ↑', 'next / previous finding (in a view: scroll)'],
  ['n / p', 'next / previous finding, from any view'],
  ['PgDn / PgUp', 'one page down / up'],
  ['g / G', 'first / last'],
  ['Enter', 'open the detail of the selected finding'],
  ['Tab / Shift-Tab', 'findings → detail → journey → ARP → distribution → topology'],
  ['Esc', 'back to the list (in the list: clear the filter)'],
  ['/', 'filter by words; Enter applies, Esc cancels'],
  ['?', 'this help (any key closes it)'],
  ['q, Ctrl-C', 'quit'],
];

export function helpLines(): Line[] {
  return [
    [seg('Keys', undefined, { bold: true })],
    [],
    ...KEYS.map(([key, what]): Line => [seg(`  ${key.padEnd(17)}`, 'accent', { bold: true }), seg(what)]),
    [],
    [seg('Journey: ● seen at that vantage point, ✗ expected there but missing.', 'muted')],
    [seg('ARP: A announcement, R reply, T traffic to that MAC; ✗ not a director.', 'muted')],
  ];
}
