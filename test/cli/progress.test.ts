/** The stderr progress bar: only for a person at a terminal, only for many inputs, errors above it. */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createProgress } from '../../src/cli/progress.js';

/** A stderr stand-in that records what was written; `isTTY` is what the real stream reports. */
function terminal(isTTY: boolean): NodeJS.WriteStream & { output: string } {
  const stream = new Writable({
    write(chunk, _enc, done) {
      stream.output += String(chunk);
      done();
    },
  }) as unknown as NodeJS.WriteStream & { output: string };
  stream.output = '';
  stream.isTTY = isTTY;
  return stream;
}

describe('createProgress', () => {
  it('draws nothing when stderr is not a terminal, but still prints error lines', async () => {
    const stream = terminal(false);
    const progress = createProgress({ total: 50, stream });
    progress.update({ settled: 10, failed: 0, total: 50 });
    progress.log('newsint: x.html: BAD_INPUT: no such file or directory');
    progress.done();
    await new Promise((r) => setImmediate(r));
    expect(stream.output).toBe('newsint: x.html: BAD_INPUT: no such file or directory\n');
  });

  it('draws nothing for three inputs or fewer', async () => {
    const stream = terminal(true);
    const progress = createProgress({ total: 3, stream });
    progress.update({ settled: 3, failed: 0, total: 3 });
    progress.done();
    await new Promise((r) => setImmediate(r));
    expect(stream.output).toBe('');
  });

  it('on a terminal with many inputs shows counts and failures, keeps error lines whole, and clears itself', async () => {
    const stream = terminal(true);
    let clock = 0;
    const progress = createProgress({ total: 10, stream, now: () => clock });
    clock = 500;
    progress.update({ settled: 5, failed: 1, total: 10 });
    progress.log('newsint: y.html: BAD_INPUT: permission denied');
    clock = 1000;
    progress.update({ settled: 10, failed: 1, total: 10 });
    progress.done();
    await new Promise((r) => setImmediate(r));
    const out = stream.output;
    expect(out).toContain('5/10, 1 failed');
    expect(out).toContain('10/10, 1 failed');
    // The error line starts on a cleared line and ends with a newline, never mixed into the bar.
    expect(out).toContain('\r\x1b[2Knewsint: y.html: BAD_INPUT: permission denied\n');
    expect(out.endsWith('\r\x1b[2K')).toBe(true);
  });

  it('redraws at most once per interval however many inputs settle', async () => {
    const stream = terminal(true);
    let clock = 0;
    const progress = createProgress({ total: 1000, stream, now: () => clock, redrawMs: 100 });
    for (let i = 1; i < 1000; i++) {
      clock = i; // 1 ms apart: 999 updates within one second
      progress.update({ settled: i, failed: 0, total: 1000 });
    }
    await new Promise((r) => setImmediate(r));
    const draws = stream.output.split('\r\x1b[2K[').length - 1;
    expect(draws).toBeGreaterThan(5);
    expect(draws).toBeLessThanOrEqual(11);
  });
});
