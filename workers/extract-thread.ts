/**
 * Runs `extractArticle` in a worker thread inside the extraction sandbox. Synchronous code
 * cannot be interrupted from its own thread; from the sandbox's main thread it can
 * (`terminate()`), which is how a page that takes too long meets its deadline.
 */
import { parentPort } from 'node:worker_threads';
import { isNewsintError, type ErrorCode, type ErrorKind } from '../src/errors.js';
import { extractArticle, extractText } from '../src/extract-article.js';

export interface ThreadRequest {
  html: string;
  url: string | null;
  fetchedAt: string | null;
  /** Plain article text rather than HTML. */
  inputType?: 'html' | 'text';
}

/** A failure keeps its code and kind across the thread boundary (NO_ARTICLE must stay permanent). */
export type ThreadReply =
  | { ok: true; record: ReturnType<typeof extractArticle> }
  | { ok: false; message: string; code?: ErrorCode; kind?: ErrorKind };

parentPort?.on('message', (req: ThreadRequest) => {
  let reply: ThreadReply;
  try {
    const options = { url: req.url, fetchedAt: req.fetchedAt };
    reply = { ok: true, record: req.inputType === 'text' ? extractText(req.html, options) : extractArticle(req.html, options) };
  } catch (err) {
    reply = isNewsintError(err)
      ? { ok: false, message: err.message, code: err.code, kind: err.kind }
      : { ok: false, message: err instanceof Error ? err.message : String(err) };
  }
  parentPort!.postMessage(reply);
});
