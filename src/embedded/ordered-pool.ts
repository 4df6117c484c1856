/**
 * Bounded concurrency with results delivered in input order: at most `concurrency` tasks
 * run at once, finished results wait in a buffer until every earlier one has been delivered.
 */

export interface OrderedPoolOptions<T, R> {
  /** Tasks running at once (>= 1). */
  concurrency: number;
  /**
   * How far ahead of the oldest undelivered item work may start; bounds the buffer (and so
   * memory) when one early input is slow. Default: WINDOW_PER_SLOT x concurrency.
   */
  window?: number;
  /** Called once per item, in input order, after all earlier items; awaited (backpressure). */
  deliver: (outcome: Outcome<R>, item: T, index: number) => void | Promise<void>;
  /** Called as each task settles, in completion order (progress display). */
  onSettled?: (outcome: Outcome<R>, item: T, index: number) => void;
  /** Checked before each task starts: returning true stops the pool early (closed output). */
  shouldStop?: () => boolean;
}

export type Outcome<R> = { ok: true; value: R } | { ok: false; error: unknown };

/** Default look-ahead per concurrency slot. */
export const WINDOW_PER_SLOT = 4;

export async function runOrdered<T, R>(
  items: readonly T[],
  task: (item: T, index: number) => Promise<R>,
  options: OrderedPoolOptions<T, R>,
): Promise<void> {
  const concurrency = Math.max(1, Math.floor(options.concurrency));
  const window = Math.max(concurrency, options.window ?? WINDOW_PER_SLOT * concurrency);
  const done = new Map<number, Outcome<R>>();
  let cursor = 0;
  let delivered = 0;
  let wakeUps: Array<() => void> = [];
  let delivering = Promise.resolve();

  const deliverReady = async (): Promise<void> => {
    while (done.has(delivered)) {
      const outcome = done.get(delivered)!;
      done.delete(delivered);
      const index = delivered;
      await options.deliver(outcome, items[index]!, index);
      delivered = index + 1;
      const waiting = wakeUps;
      wakeUps = [];
      for (const wake of waiting) wake();
    }
  };

  const worker = async (): Promise<void> => {
    for (;;) {
      if (options.shouldStop?.()) return;
      const index = cursor++;
      if (index >= items.length) return;
      // No deadlock: the item at `delivered` is always within the window, so its worker never waits here.
      while (index >= delivered + window) await new Promise<void>((resolve) => wakeUps.push(resolve));
      let outcome: Outcome<R>;
      try {
        outcome = { ok: true, value: await task(items[index]!, index) };
      } catch (error) {
        outcome = { ok: false, error };
      }
      options.onSettled?.(outcome, items[index]!, index);
      done.set(index, outcome);
      // Deliveries are chained so they never interleave, whichever worker finishes first.
      delivering = delivering.then(deliverReady);
      await delivering;
    }
  };

  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  await delivering;
}
