import { describe, expect, it } from 'vitest';
import { colorFromEnv, createTheme } from '../../src/tui/theme.js';

describe('theme', () => {
  it.each([
    [{}, true],
    [{ NO_COLOR: '1' }, false],
    [{ NO_COLOR: '' }, false],
  ])('colours with env %j: %s', (env, color) => {
    expect(colorFromEnv(env)).toBe(color);
  });

  it('gives no colour for any tone when colours are off', () => {
    const off = createTheme(false);
    const on = createTheme(true);
    for (const tone of ['error', 'warning', 'info', 'inconclusive', 'muted', 'accent', 'ok', 'missing'] as const) {
      expect(off.colorOf(tone)).toBeUndefined();
      expect(on.colorOf(tone)).toBeTypeOf('string');
    }
  });
});
