import { describe, expect, it } from 'vitest';
import { renderJson } from '../../src/report/json.js';
import { hostileReport, sampleReport, UNSAFE_OUTPUT } from '../support/sample-report.js';

describe('json reporter', () => {
  it('round-trips the report with 2-space indentation', () => {
    const out = renderJson(sampleReport);
    expect(JSON.parse(out)).toEqual(sampleReport);
    expect(out).toMatch(/^\{\n {2}"version": 1,/);
    expect(out.endsWith('}\n')).toBe(true);
  });

  it('escapes control and bidi characters but keeps the data', () => {
    const out = renderJson(hostileReport);
    expect(out).not.toMatch(UNSAFE_OUTPUT);
    expect(JSON.parse(out)).toEqual(hostileReport);
  });
});
