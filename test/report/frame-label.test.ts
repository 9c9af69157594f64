import { describe, expect, it } from 'vitest';
import { frameLabel } from '../../src/report/text.js';

describe('frameLabel', () => {
  it('is file#frame when it fits, without directories', () => {
    expect(frameLabel('/x/director.pcap', 12, 24)).toBe('director.pcap#12');
  });

  it('cuts a long name in the middle and keeps the frame number', () => {
    const label = frameLabel('/x/rs1_00000_20261121175654.pcap', 36, 24);
    expect(label).toBe('rs1_00000_…75654.pcap#36');
    expect([...label].length).toBe(24);
  });

  it('keeps at least the frame number, and escapes what it shows', () => {
    expect(frameLabel('/x/very-long-name.pcap', 123456, 8)).toBe('#123456');
    expect(frameLabel('/x/a\u001b[31m.pcap', 1, 40)).not.toContain('\u001b');
  });
});
