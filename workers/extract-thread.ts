/**
 * Runs `extractArticle` in a worker thread inside the extraction sandbox. Synchronous code
 * cannot be interrupted from its own thread; from the sandbox's main thread it can
 * (`terminate()`), which is how a page that takes too long meets its deadline.
 */
import { getHeapStatistics } from 'node:v8';
import { parentPort } from 'node:worker_threads';
import { toErrorRecord, type ErrorRecord } from '../src/errors.js';
import { extractArticle, extractText } from '../src/extract-article.js';

export interface ThreadRequest {
  html: string;
  url: string | null;
  fetchedAt: string | null;
  /** Plain article text rather than HTML. */
  inputType?: 'html' | 'text';
}

/** A failure keeps its code and kind across the thread boundary (NO_ARTICLE must stay permanent). */
export type ThreadReply = ({ ok: true; record: ReturnType<typeof extractArticle> } | { ok: false; error: ErrorRecord }) & {
  /** MB of heap this thread holds after the page: the pool retires a thread that grew too big. */
  heapMb: number;
};

parentPort?.on('message', (req: ThreadRequest) => {
  let reply: ThreadReply;
  const heapMb = () => getHeapStatistics().total_heap_size / 1_048_576;
  try {
    const options = { url: req.url, fetchedAt: req.fetchedAt };
    reply = { ok: true, record: req.inputType === 'text' ? extractText(req.html, options) : extractArticle(req.html, options), heapMb: heapMb() };
  } catch (err) {
    // Code and kind cross with the message: a permanent failure stays permanent.
    reply = { ok: false, error: toErrorRecord(err), heapMb: heapMb() };
  }
  parentPort!.postMessage(reply);
});
