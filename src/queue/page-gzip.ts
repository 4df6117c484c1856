/**
 * Pages travel from the fetch worker to the extraction thread gzipped, as served. Through Redis,
 * BullMQ and the worker's main thread, every byte of a page is copied, written, read and parsed
 * a few times; a gzipped page is a fifth of the bytes, and only the extraction thread inflates
 * it and decodes it from its charset (the main thread never holds the page as text).
 */
import { gunzipSync, gzip } from 'node:zlib';
import { promisify } from 'node:util';
import iconv from 'iconv-lite';
import { NewsintError } from '../errors.js';

const gzipAsync = promisify(gzip);

/** The page gzipped, in base64 (job data is JSON). Runs on libuv's pool, not the event loop. */
export async function gzipPage(html: string | Uint8Array): Promise<string> {
  // Level 1: most of the size gain at a small share of the time of the default level.
  return (await gzipAsync(typeof html === 'string' ? Buffer.from(html, 'utf8') : html, { level: 1 })).toString('base64');
}

export interface InflateOptions {
  url: string | null;
  /** NEWSINT_MAX_EXTRACT_BYTES: UTF-8 bytes of HTML the page may have, inflated and decoded. */
  maxBytes?: number | undefined;
  /** What the bytes are in (the fetcher's reading of BOM, header and meta); UTF-8 when absent. */
  charset?: string | undefined;
}

function tooLarge(url: string | null, maxBytes: number | undefined): NewsintError {
  return new NewsintError('TOO_LARGE', `${url ?? 'the page'} inflates to more than NEWSINT_MAX_EXTRACT_BYTES (${maxBytes} bytes)`, { kind: 'permanent', ...(url ? { url } : {}) });
}

/** The page back as text; refuses one that inflates past `maxBytes` (a gzip bomb stops there). */
export function inflatePage(htmlGzip: string, { url, maxBytes, charset = 'utf-8' }: InflateOptions): string {
  let bytes: Buffer;
  try {
    bytes = gunzipSync(Buffer.from(htmlGzip, 'base64'), maxBytes ? { maxOutputLength: maxBytes } : {});
  } catch (err) {
    if ((err as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(url, maxBytes);
    throw new NewsintError('BAD_INPUT', `the htmlGzip of ${url ?? 'the page'} is not gzip data in base64 (${(err as Error).message}); fix the job's producer`, {
      kind: 'permanent',
      ...(url ? { url } : {}),
    });
  }
  // iconv-lite drops a BOM, as the fetcher's decoding always did.
  const html = iconv.decode(bytes, charset);
  // The cap counts UTF-8 bytes: a page in another charset can grow as it is decoded. (A UTF-16
  // code unit is at most 3 UTF-8 bytes, so most pages skip the count.)
  if (maxBytes && html.length * 3 > maxBytes && Buffer.byteLength(html) > maxBytes) throw tooLarge(url, maxBytes);
  return html;
}
