/**
 * Extraction with a deadline and a memory cap (BullMQ has neither): pages are extracted in a
 * pool of worker threads. A thread that runs past the deadline is terminated, one that runs
 * out of its heap (`resourceLimits`) dies alone; either way the page fails permanently (it
 * would fail again) and the slot gets a fresh thread for the next page. A new thread is
 * warmed up (modules and gazetteers loaded) before the clock of a real page starts.
 */
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { fromErrorRecord, NewsintError } from '../src/errors.js';
import type { ArticleRecord } from '../src/record/schema.js';
import type { ThreadReply, ThreadRequest } from './extract-thread.js';

export interface DeadlineExtractor {
  extract(req: ThreadRequest): Promise<ArticleRecord>;
  /** Threads started so far (warm-up included) and retired for heap growth. */
  stats(): { started: number; retired: number };
  close(): Promise<void>;
}

export interface DeadlineExtractorOptions {
  /** NEWSINT_EXTRACT_DEADLINE: a page that takes longer fails as TIMEOUT. */
  deadlineMs: number;
  /** Threads extracting side by side (one per core); more pages wait their turn. */
  threads?: number;
  /** NEWSINT_EXTRACT_MEMORY_MB: old-generation heap of one thread; none = V8's default. */
  maxHeapMb?: number;
  /**
   * NEWSINT_EXTRACT_RECYCLE_MB: a thread whose heap, after a page, is this many MB over its
   * heap once warmed up is replaced by a fresh one (0 or none: never). V8 keeps the heap a
   * large page grew for a long while; a fresh thread gives it back at once.
   */
  recycleGrowthMb?: number;
}

/**
 * Young generation of a thread, MB. V8's default (sized for a whole process) leaves each
 * thread some 30 MB bigger once a few large pages went through, at no gain in speed; with
 * 2 threads per worker process that is a fifth of its memory.
 */
export const YOUNG_GENERATION_MB = 8;

/** A small page whose extraction loads everything a real page needs. */
const WARM_UP: ThreadRequest = { html: '<article><p>CISA said APT29 targeted banks on Monday.</p></article>', url: null, fetchedAt: null };

function timeoutError(req: ThreadRequest, deadlineMs: number): NewsintError {
  return new NewsintError(
    'TIMEOUT',
    `extracting ${req.url ?? 'the page'} took longer than ${deadlineMs} ms (NEWSINT_EXTRACT_DEADLINE): the page is too heavy to extract`,
    { kind: 'permanent', ...(req.url ? { url: req.url } : {}) },
  );
}

/** A thread that died: out of its heap (permanent, the page needs more), or crashed (transient). */
function deathError(req: ThreadRequest, err: Error, maxHeapMb: number | undefined): Error {
  if ((err as { code?: unknown }).code !== 'ERR_WORKER_OUT_OF_MEMORY') return err;
  const limit = maxHeapMb ? `its ${maxHeapMb} MB heap (NEWSINT_EXTRACT_MEMORY_MB)` : 'its heap';
  return new NewsintError('OUT_OF_MEMORY', `extracting ${req.url ?? 'the page'} needed more than ${limit}: the page is too heavy to extract`, {
    kind: 'permanent',
    ...(req.url ? { url: req.url } : {}),
  });
}

/**
 * One request on thread `t`; rejects with TIMEOUT (and kills `t`) after `deadlineMs`, if given.
 * `onDead` hears when the thread is gone (killed or crashed), so it is not used again.
 */
function run(t: Worker, req: ThreadRequest, deadlineMs: number | undefined, maxHeapMb: number | undefined, onDead: () => void = () => {}, onHeap: (mb: number) => void = () => {}): Promise<ArticleRecord> {
  return new Promise<ArticleRecord>((resolve, reject) => {
    const settle = () => {
      if (timer) clearTimeout(timer);
      t.off('message', onMessage);
      t.off('error', onError);
      t.off('exit', onExit);
    };
    const onMessage = (reply: ThreadReply) => {
      settle();
      onHeap(reply.heapMb);
      if (reply.ok) resolve(reply.record);
      else reject(fromErrorRecord(reply.error));
    };
    const onError = (err: Error) => {
      settle();
      onDead();
      reject(deathError(req, err, maxHeapMb));
    };
    // An exit with no error before it (the thread called process.exit): gone all the same.
    const onExit = (code: number) => onError(new Error(`the extraction thread exited (code ${code}) before it answered`));
    const timer = deadlineMs
      ? setTimeout(() => {
          settle();
          onDead();
          void t.terminate();
          reject(timeoutError(req, deadlineMs));
        }, deadlineMs)
      : undefined;
    t.on('message', onMessage);
    t.on('error', onError);
    t.on('exit', onExit);
    t.postMessage(req);
  });
}

interface Slot {
  thread: Worker;
  /** Heap of the thread right after its warm-up, MB. */
  warmHeapMb: number;
}

export function createDeadlineExtractor({ deadlineMs, threads = 1, maxHeapMb, recycleGrowthMb }: DeadlineExtractorOptions): DeadlineExtractor {
  const resourceLimits: ResourceLimits | undefined = maxHeapMb ? { maxOldGenerationSizeMb: maxHeapMb, maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } : undefined;
  const slots: Array<Promise<Slot> | undefined> = Array.from({ length: threads }, () => undefined);
  const counts = { started: 0, retired: 0 };
  const free = slots.map((_, i) => i);
  const waiting: Array<(slot: number) => void> = [];
  const acquire = (): Promise<number> => {
    const slot = free.pop();
    return slot !== undefined ? Promise.resolve(slot) : new Promise((resolve) => waiting.push(resolve));
  };
  const release = (slot: number) => {
    const next = waiting.shift();
    if (next) next(slot);
    else free.push(slot);
  };
  const start = async (): Promise<Slot> => {
    const t = new Worker(new URL('./extract-thread.js', import.meta.url), resourceLimits ? { resourceLimits } : {});
    t.unref();
    counts.started++;
    let warmHeapMb = 0;
    await run(t, WARM_UP, undefined, maxHeapMb, undefined, (mb) => (warmHeapMb = mb));
    return { thread: t, warmHeapMb };
  };
  return {
    async extract(req) {
      const slot = await acquire();
      try {
        const s = await (slots[slot] ??= start().catch((err: unknown) => {
          slots[slot] = undefined;
          throw err;
        }));
        let heapMb = 0;
        let dead = false;
        const gone = () => {
          dead = true;
          slots[slot] = undefined;
        };
        // A timed-out or crashed thread is gone: the slot's next page gets a fresh one.
        const record = run(s.thread, req, deadlineMs, maxHeapMb, gone, (mb) => (heapMb = mb));
        await record.catch(() => undefined);
        if (!dead && recycleGrowthMb && heapMb - s.warmHeapMb > recycleGrowthMb) {
          slots[slot] = undefined;
          counts.retired++;
          void s.thread.terminate();
        }
        return await record;
      } finally {
        release(slot);
      }
    },
    stats: () => ({ ...counts }),
    async close() {
      const all = await Promise.all(slots.map((s) => s?.catch(() => undefined)));
      slots.fill(undefined);
      await Promise.all(all.map((s) => s?.thread.terminate()));
    },
  };
}
