/**
 * Extraction with a deadline (BullMQ has no job timeout of its own): the page is extracted in
 * a worker thread that is terminated, and replaced for the next job, when it runs too long.
 * A page that timed out would time out again, so the error is permanent. A new thread is
 * warmed up (modules and gazetteers loaded) before the clock of a real page starts.
 */
import { Worker } from 'node:worker_threads';
import { fromErrorRecord, NewsintError } from '../src/errors.js';
import type { ArticleRecord } from '../src/record/schema.js';
import type { ThreadReply, ThreadRequest } from './extract-thread.js';

export interface DeadlineExtractor {
  extract(req: ThreadRequest): Promise<ArticleRecord>;
  close(): Promise<void>;
}

/** A small page whose extraction loads everything a real page needs. */
const WARM_UP: ThreadRequest = { html: '<article><p>CISA said APT29 targeted banks on Monday.</p></article>', url: null, fetchedAt: null };

function timeoutError(req: ThreadRequest, deadlineMs: number): NewsintError {
  return new NewsintError(
    'TIMEOUT',
    `extracting ${req.url ?? 'the page'} took longer than ${deadlineMs} ms (NEWSINT_EXTRACT_DEADLINE): the page is too heavy to extract`,
    { kind: 'permanent', ...(req.url ? { url: req.url } : {}) },
  );
}

/**
 * One request on thread `t`; rejects with TIMEOUT (and kills `t`) after `deadlineMs`, if given.
 * `onDead` hears when the thread is gone (killed or crashed), so it is not used again.
 */
function run(t: Worker, req: ThreadRequest, deadlineMs?: number, onDead: () => void = () => {}): Promise<ArticleRecord> {
  return new Promise<ArticleRecord>((resolve, reject) => {
    const settle = () => {
      if (timer) clearTimeout(timer);
      t.off('message', onMessage);
      t.off('error', onError);
    };
    const onMessage = (reply: ThreadReply) => {
      settle();
      if (reply.ok) resolve(reply.record);
      else reject(fromErrorRecord(reply.error));
    };
    const onError = (err: Error) => {
      settle();
      onDead();
      reject(err);
    };
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
    t.postMessage(req);
  });
}

export function createDeadlineExtractor(deadlineMs: number): DeadlineExtractor {
  let thread: Promise<Worker> | undefined;
  const start = async (): Promise<Worker> => {
    const t = new Worker(new URL('./extract-thread.js', import.meta.url));
    t.unref();
    await run(t, WARM_UP);
    return t;
  };
  return {
    async extract(req) {
      const t = await (thread ??= start().catch((err: unknown) => {
        thread = undefined;
        throw err;
      }));
      // A timed-out or crashed thread is gone: the next page gets a fresh one.
      return run(t, req, deadlineMs, () => (thread = undefined));
    },
    async close() {
      const t = await thread?.catch(() => undefined);
      thread = undefined;
      await t?.terminate();
    },
  };
}
