/**
 * HTTP status to outcome: which statuses are final failures, which are worth retrying,
 * and how long a server asked us to wait (Retry-After, in seconds or as an HTTP date).
 */
import { NewsintError } from '../errors.js';

/** Statuses we follow as redirects (each hop re-checked by the guard). */
export const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** Gone for good: never retry. */
const NOT_FOUND_STATUSES = new Set([404, 410]);

/** Client errors that describe a passing condition, so they retry like server errors. */
const TRANSIENT_CLIENT_STATUSES = new Set([408, 425]);

/**
 * Milliseconds from `now` that a Retry-After header asks for, capped to `maxMs`; null when
 * the header is absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, maxMs: number, now = Date.now()): number | null {
  const text = value?.trim();
  if (!text) return null;
  let ms: number;
  if (/^\d+$/.test(text)) ms = Number(text) * 1000;
  else {
    // An HTTP date names a weekday or month; Date.parse alone would also take "-5" or "2024".
    if (!/[a-z]{3}/i.test(text)) return null;
    const at = Date.parse(text);
    if (Number.isNaN(at)) return null;
    ms = at - now;
  }
  return Math.min(Math.max(ms, 0), maxMs);
}

export interface StatusContext {
  url: string;
  status: number;
  retryAfter: string | null;
  defaultRetryAfterMs: number;
  maxRetryAfterMs: number;
}

/** The error for a non-success, non-redirect, non-304 status. */
export function statusError(ctx: StatusContext): NewsintError {
  const { url, status } = ctx;
  const base = { status, url };
  const retryAfterMs = parseRetryAfter(ctx.retryAfter, ctx.maxRetryAfterMs);
  if (status === 429 || (status === 503 && retryAfterMs !== null)) {
    const wait = retryAfterMs ?? ctx.defaultRetryAfterMs;
    return new NewsintError('RATE_LIMITED', `HTTP ${status} from ${url}: the server asks us to slow down; retry in ${Math.ceil(wait / 1000)} s`, {
      ...base,
      kind: 'throttled',
      retryAfterMs: wait,
    });
  }
  if (NOT_FOUND_STATUSES.has(status)) {
    return new NewsintError('HTTP_NOT_FOUND', `HTTP ${status} from ${url}: the page does not exist (check the URL)`, { ...base, kind: 'permanent' });
  }
  if (status >= 500) {
    return new NewsintError('HTTP_SERVER_ERROR', `HTTP ${status} from ${url}: server error`, { ...base, kind: 'transient' });
  }
  const kind = TRANSIENT_CLIENT_STATUSES.has(status) ? 'transient' : 'permanent';
  const hint = status === 401 || status === 403 ? 'the site refuses us (login or block)' : 'the server rejected the request';
  return new NewsintError('HTTP_CLIENT_ERROR', `HTTP ${status} from ${url}: ${hint}`, { ...base, kind });
}
