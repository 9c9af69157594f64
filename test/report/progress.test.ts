import { describe, expect, it } from 'vitest';
import { createProgress, progressText } from '../../src/report/progress.js';
import { fakeSink } from '../support/fake-io.js';

function clock(start = 1000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => { t += ms; } };
}

describe('progress', () => {
  it('writes nothing at all when disabled', () => {
    const sink = fakeSink({ isTTY: false });
    const p = createProgress(sink, { enabled: false, totalBytes: 100 });
    p.update({ file: 'a.pcap', bytesRead: 50, frames: 10 });
    p.done();
    expect(sink.text()).toBe('');
  });

  it('redraws one line at most every 100 ms and erases it when done', () => {
    const sink = fakeSink({ isTTY: true, columns: 120 });
    const c = clock();
    const p = createProgress(sink, { enabled: true, totalBytes: 10_000_000, now: c.now });
    c.advance(1000);
    p.update({ file: 'a.pcap', bytesRead: 2_000_000, frames: 20_000 });
    c.advance(50);
    p.update({ file: 'a.pcap', bytesRead: 2_100_000, frames: 21_000 });
    const draws = sink.text().split('\r\u001b[2K').filter(Boolean);
    expect(draws).toEqual(['reading a.pcap  20k frames  20k frames/s  2.0 MB/s  20%  ETA 0:04']);
    c.advance(60);
    p.update({ file: 'b.pcap', bytesRead: 3_000_000, frames: 9_000 });
    expect(sink.text()).toContain('reading b.pcap  30k frames');
    p.done();
    expect(sink.text().endsWith('\r\u001b[2K')).toBe(true);
    expect(sink.text()).not.toContain('\n');
  });

  it('shows the file a rotated capture is reading, counting the capture once', () => {
    const sink = fakeSink({ isTTY: true, columns: 120 });
    const c = clock();
    const p = createProgress(sink, { enabled: true, now: c.now });
    c.advance(1000);
    p.update({ file: 'director.pcap', showing: 'director.pcap1', bytesRead: 2_000_000, frames: 20_000 });
    c.advance(200);
    p.update({ file: 'director.pcap', showing: 'director.pcap2', bytesRead: 3_000_000, frames: 30_000 });
    const draws = sink.text().split('\r\u001b[2K').filter(Boolean);
    expect(draws.at(-1)).toMatch(/^reading director\.pcap2  30k frames/);
  });

  it('never wraps: the line is cut to the terminal width', () => {
    const sink = fakeSink({ isTTY: true, columns: 30 });
    const p = createProgress(sink, { enabled: true, totalBytes: 100, now: clock().now });
    p.update({ file: 'a-very-long-capture-file-name.pcapng', bytesRead: 1, frames: 1 });
    expect(sink.text().replace('\r\u001b[2K', '').length).toBeLessThanOrEqual(29);
  });

  it('cuts a long path at its beginning, keeping the file name', () => {
    const text = progressText({ file: '/home/operator/captures/2026-12-08/site-a/director_00003_20261208020000.pcap', frames: 5, bytes: 10, elapsedSeconds: 0 });
    expect(text).toBe('reading …te-a/director_00003_20261208020000.pcap  5 frames');
  });

  it('escapes the file name and leaves out what it cannot know', () => {
    const text = progressText({ file: 'x\u001b]0;t\u0007.pcap', frames: 5, bytes: 10, elapsedSeconds: 0 });
    expect(text).toBe('reading x\\e]0;t\\x07.pcap  5 frames');
  });
});
