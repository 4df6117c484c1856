/**
 * Runs `extractArticle` in a worker thread inside the extraction sandbox. Synchronous code
 * cannot be interrupted from its own thread; from the sandbox's main thread it can
 * (`terminate()`), which is how a page that takes too long meets its deadline.
 */
import { parentPort } from 'node:worker_threads';
import { extractArticle } from '../src/extract-article.js';

export interface ThreadRequest {
  html: string;
  url: string | null;
  fetchedAt: string | null;
}

export type ThreadReply = { ok: true; record: ReturnType<typeof extractArticle> } | { ok: false; message: string };

parentPort?.on('message', (req: ThreadRequest) => {
  let reply: ThreadReply;
  try {
    reply = { ok: true, record: extractArticle(req.html, { url: req.url, fetchedAt: req.fetchedAt }) };
  } catch (err) {
    reply = { ok: false, message: err instanceof Error ? err.message : String(err) };
  }
  parentPort!.postMessage(reply);
});
