/** The embedded runner's scheduler: bounded concurrency, input order, bounded look-ahead. */
import { setTimeout as sleep } from 'node:timers/promises';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runOrdered } from '../../src/embedded/ordered-pool.js';

describe('runOrdered', () => {
  it('delivers in input order whatever order tasks finish in, never running more than `concurrency` at once', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 8 }), { maxLength: 30 }), fc.integer({ min: 1, max: 6 }), async (delays, concurrency) => {
        let running = 0;
        let peak = 0;
        const delivered: number[] = [];
        await runOrdered(
          delays,
          async (delay, index) => {
            running += 1;
            peak = Math.max(peak, running);
            await sleep(delay);
            running -= 1;
            if (delay === 7) throw new Error(`task ${index} failed`);
            return index;
          },
          {
            concurrency,
            deliver: (outcome, _item, index) => {
              delivered.push(index);
              expect(outcome.ok).toBe(delays[index] !== 7);
              if (outcome.ok) expect(outcome.value).toBe(index);
            },
          },
        );
        expect(delivered).toEqual(delays.map((_, i) => i));
        expect(peak).toBeLessThanOrEqual(concurrency);
      }),
      { numRuns: 40 },
    );
  });

  it('does not start items far beyond a slow first one (the buffer stays bounded)', async () => {
    const started: number[] = [];
    let releaseFirst!: () => void;
    const first = new Promise<void>((resolve) => (releaseFirst = resolve));
    const run = runOrdered(
      Array.from({ length: 100 }, (_, i) => i),
      async (i) => {
        started.push(i);
        if (i === 0) await first;
        return i;
      },
      { concurrency: 2, window: 6, deliver: () => undefined },
    );
    await sleep(50);
    // Item 0 blocks delivery, so only items inside the window may have started.
    expect(Math.max(...started)).toBeLessThan(6);
    releaseFirst();
    await run;
    expect(started).toHaveLength(100);
  });

  it('stops starting new items once shouldStop says so (the reader went away)', async () => {
    const started: number[] = [];
    let stop = false;
    await runOrdered(
      Array.from({ length: 50 }, (_, i) => i),
      async (i) => {
        started.push(i);
        return i;
      },
      {
        concurrency: 1,
        shouldStop: () => stop,
        deliver: (_o, _item, index) => {
          if (index === 4) stop = true;
        },
      },
    );
    expect(started).toHaveLength(5);
  });
});
