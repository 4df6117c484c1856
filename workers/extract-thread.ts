/**
 * Runs `extractArticle` in a worker thread inside the extraction sandbox. Synchronous code
 * cannot be interrupted from its own thread; from the sandbox's main thread it can
 * (`terminate()`), which is how a page that takes too long meets its deadline.
 */
import { getHeapStatistics } from 'node:v8';
import { parentPort } from 'node:worker_threads';
import { toErrorRecord, type ErrorRecord } from '../src/errors.js';
import { extractArticle, extractText } from '../src/extract-article.js';
import { inflatePage } from '../src/queue/page-gzip.js';

export interface ThreadRequest {
  /** The page as text, or gzipped in base64 (inflated and decoded here, off the worker's main thread). */
  html?: string;
  htmlGzip?: string;
  /** NEWSINT_MAX_EXTRACT_BYTES: what a gzipped page may inflate to. */
  maxBytes?: number;
  /** Charset of the gzipped bytes (UTF-8 when absent). */
  charset?: string;
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
    const html = req.htmlGzip !== undefined ? inflatePage(req.htmlGzip, { url: req.url, maxBytes: req.maxBytes, charset: req.charset }) : (req.html ?? '');
    reply = { ok: true, record: req.inputType === 'text' ? extractText(html, options) : extractArticle(html, options), heapMb: heapMb() };
  } catch (err) {
    // Code and kind cross with the message: a permanent failure stays permanent.
    reply = { ok: false, error: toErrorRecord(err), heapMb: heapMb() };
  }
  parentPort!.postMessage(reply);
});
