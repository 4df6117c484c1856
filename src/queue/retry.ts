/**
 * Retry policy carried by error kinds: permanent -> UnrecoverableError (fails at once,
 * reason kept in failedReason); throttled -> wait Retry-After; transient -> exponential
 * backoff with jitter. Also the per-job deadline (BullMQ has no job timeout of its own).
 */
import { UnrecoverableError, type BackoffStrategy } from 'bullmq';
import { describeError, NewsintError } from '../errors.js';

export const BACKOFF_TYPE = 'newsint';
/** Share of the delay that is randomized, so retries of many jobs do not arrive together. */
export const JITTER = 0.5;

export interface BackoffOptions {
  baseMs: number;
  maxRetryAfterMs: number;
}

/** Worker `settings.backoffStrategy`: the error that failed the attempt picks the delay. */
export function createBackoffStrategy({ baseMs, maxRetryAfterMs }: BackoffOptions): BackoffStrategy {
  return (attemptsMade, _type, err) => {
    const retryAfterMs = (err as { retryAfterMs?: unknown } | undefined)?.retryAfterMs;
    if (typeof retryAfterMs === 'number' && retryAfterMs >= 0) return Math.min(retryAfterMs, maxRetryAfterMs);
    const exp = baseMs * 2 ** Math.max(0, attemptsMade - 1);
    return Math.round(exp * (1 - JITTER + Math.random() * JITTER));
  };
}

/**
 * What a processor throws to BullMQ. Permanent errors become UnrecoverableError with the
 * "CODE: message (url)" line as reason; others keep their kind and retryAfterMs for the backoff.
 */
export function toWorkerError(err: unknown): Error {
  if (err instanceof UnrecoverableError) return err;
  if (err instanceof NewsintError) {
    const where = err.url && !err.message.includes(err.url) ? ` (${err.url})` : '';
    // code and kind are own properties, so they also cross BullMQ's sandbox boundary (errorToJSON).
    if (err.kind === 'permanent') return Object.assign(new UnrecoverableError(describeError(err) + where), { code: err.code, kind: err.kind });
    // A plain Error keeps BullMQ's failedReason readable; kind and retryAfterMs feed the backoff.
    return Object.assign(new Error(describeError(err) + where), { code: err.code, kind: err.kind, retryAfterMs: err.retryAfterMs });
  }
  return err instanceof Error ? err : new Error(String(err));
}

/** Reject with a transient TIMEOUT when `work` takes longer than `ms`; abort it through the signal. */
export async function withDeadline<T>(ms: number, what: string, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const err = new NewsintError('TIMEOUT', `${what} exceeded its deadline of ${ms} ms`, { kind: 'transient' });
      controller.abort(err);
      reject(err);
    }, ms);
  });
  try {
    return await Promise.race([work(controller.signal), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
