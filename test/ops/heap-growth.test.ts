/**
 * NEWSINT_HEAP_GROWTH: a process that keeps 15 MB alive and churns through 200 MB of garbage
 * (as a worker's main thread does with pages and records) holds far less heap with the
 * worker's factor than with V8's own. Real node processes, the function from the build.
 */
import { execFileSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, ROOT } from '../pipeline/harness.js';

/** Largest heap (MB) the churn reached in a fresh process with `percent`. */
function peakHeapMb(percent: number): number {
  const script = `
    import { getHeapStatistics } from 'node:v8';
    import { limitHeapGrowth } from ${JSON.stringify(`${ROOT}dist/src/ops/heap-growth.js`)};
    limitHeapGrowth(${percent});
    const rows = (tag) => Array.from({ length: 20000 }, (_, j) => ({ tag, j, s: 'x' + j }));
    const live = Array.from({ length: 20 }, (_, i) => rows(i));
    const recent = [];
    let peak = 0;
    for (let r = 0; r < 200; r++) {
      recent.push(rows(r));
      if (recent.length > 4) recent.shift();
      peak = Math.max(peak, getHeapStatistics().total_heap_size);
    }
    console.log(JSON.stringify({ peak: peak / 1048576, live: live.length }));
  `;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  return (JSON.parse(out) as { peak: number }).peak;
}

describe('heap growth of a worker process', () => {
  beforeAll(() => assertBuilt());

  it('the default 20% keeps the heap well under what V8 lets it reach on its own', () => {
    const own = peakHeapMb(0);
    const limited = peakHeapMb(20);
    expect(limited).toBeLessThan(own * 0.7);
    // Still room for the live data: 20 of the churn's rows stay reachable throughout.
    expect(limited).toBeGreaterThan(15);
  });
});
