// Colours and symbols of the TUI. Views ask for a tone, never a colour, so NO_COLOR switches
// every colour off in one place. Symbols stay: they carry the meaning without colour.

import type { GroupKey } from '../report/finding-groups.js';

export type Tone = GroupKey | 'muted' | 'accent' | 'ok' | 'missing' | 'plain';

const COLORS: Readonly<Record<Tone, string | undefined>> = {
  error: 'red',
  warning: 'yellow',
  info: 'cyan',
  inconclusive: 'magenta',
  muted: 'gray',
  accent: 'blue',
  ok: 'green',
  missing: 'red',
  plain: undefined,
};

export const SYMBOL = {
  error: '✗',
  warning: '▲',
  info: '●',
  inconclusive: '?',
  seen: '●',
  missing: '✗',
  selected: '›',
  bar: '█',
  track: '·',
} as const;

export type Theme = {
  readonly color: boolean;
  /** Ink colour name for a tone, or undefined when colours are off. */
  readonly colorOf: (tone: Tone) => string | undefined;
};

export function createTheme(color: boolean): Theme {
  return { color, colorOf: (tone) => (color ? COLORS[tone] : undefined) };
}

/** NO_COLOR set to anything, even empty, turns colours off. */
export function colorFromEnv(env: Readonly<Record<string, string | undefined>>): boolean {
  return env.NO_COLOR === undefined;
}
