/**
 * Pages travel from the fetch worker to the extraction thread gzipped. Through Redis, BullMQ
 * and the worker's main thread, every byte of a page is copied, written, read and parsed a few
 * times; a gzipped page is a fifth of the bytes, and only the extraction thread inflates it.
 */
import { gunzipSync, gzip } from 'node:zlib';
import { promisify } from 'node:util';
import { NewsintError } from '../errors.js';

const gzipAsync = promisify(gzip);

/** The page gzipped, in base64 (job data is JSON). Runs on libuv's pool, not the event loop. */
export async function gzipPage(html: string | Buffer): Promise<string> {
  // Level 1: most of the size gain at a small share of the time of the default level.
  return (await gzipAsync(typeof html === 'string' ? Buffer.from(html, 'utf8') : html, { level: 1 })).toString('base64');
}

/** The page back as text; refuses one that inflates past `maxBytes` (a gzip bomb stops there). */
export function inflatePage(htmlGzip: string, { url, maxBytes }: { url: string | null; maxBytes?: number }): string {
  try {
    return gunzipSync(Buffer.from(htmlGzip, 'base64'), maxBytes ? { maxOutputLength: maxBytes } : {}).toString('utf8');
  } catch (err) {
    const where = url ?? 'the page';
    const at = url ? { url } : {};
    if ((err as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new NewsintError('TOO_LARGE', `${where} inflates to more than NEWSINT_MAX_EXTRACT_BYTES (${maxBytes} bytes)`, { kind: 'permanent', ...at });
    }
    throw new NewsintError('BAD_INPUT', `the htmlGzip of ${where} is not gzip data in base64 (${(err as Error).message}); fix the job's producer`, { kind: 'permanent', ...at });
  }
}
