/**
 * One error type for the whole product. The retry policy lives here: a permanent error
 * never retries (BullMQ's UnrecoverableError in workers), a throttled one waits
 * `retryAfterMs`, anything else is transient and backs off.
 */
export type ErrorKind = 'permanent' | 'throttled' | 'transient';

export type ErrorCode =
  | 'USAGE'
  | 'BAD_INPUT'
  | 'BAD_CONFIG'
  | 'REDIS_UNAVAILABLE'
  | 'BLOCKED_ADDRESS'
  | 'BAD_URL'
  | 'ROBOTS_DISALLOWED'
  | 'NOT_HTML'
  | 'NO_ARTICLE'
  | 'TOO_LARGE'
  | 'OUT_OF_MEMORY'
  | 'TOO_MANY_REDIRECTS'
  | 'HTTP_NOT_FOUND'
  | 'HTTP_CLIENT_ERROR'
  | 'HTTP_SERVER_ERROR'
  | 'RATE_LIMITED'
  | 'TIMEOUT'
  | 'NETWORK'
  | 'SCHEMA_VIOLATION'
  | 'BAD_JOB_DATA'
  | 'STALLED'
  | 'FEED_PARSE';

export interface NewsintErrorOptions {
  kind?: ErrorKind;
  retryAfterMs?: number;
  status?: number;
  url?: string;
  cause?: unknown;
}

export class NewsintError extends Error {
  override readonly name = 'NewsintError';
  readonly code: ErrorCode;
  readonly kind: ErrorKind;
  readonly retryAfterMs: number | undefined;
  readonly status: number | undefined;
  readonly url: string | undefined;

  constructor(code: ErrorCode, message: string, options: NewsintErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.kind = options.kind ?? 'transient';
    this.retryAfterMs = options.retryAfterMs;
    this.status = options.status;
    this.url = options.url;
  }

  get permanent(): boolean {
    return this.kind === 'permanent';
  }
}

export function isNewsintError(err: unknown): err is NewsintError {
  return err instanceof NewsintError;
}

/** One line a user can act on: "CODE: message", never a stack trace. */
export function describeError(err: unknown): string {
  if (err instanceof NewsintError) return `${err.code}: ${err.message}`;
  if (err instanceof Error) return err.message;
  return String(err);
}

/**
 * An error as it crosses a thread or process boundary (structured clone, JSON): only the
 * message would survive on its own, and a permanent failure would come back transient.
 */
export interface ErrorRecord {
  message: string;
  code?: ErrorCode;
  kind?: ErrorKind;
  retryAfterMs?: number;
  status?: number;
  url?: string;
}

/** `toErrorRecord` on one side, `fromErrorRecord` on the other: code, kind and limits survive. */
export function toErrorRecord(err: unknown): ErrorRecord {
  if (err instanceof NewsintError) {
    const { code, kind, message, retryAfterMs, status, url } = err;
    return { code, kind, message, ...(retryAfterMs !== undefined && { retryAfterMs }), ...(status !== undefined && { status }), ...(url !== undefined && { url }) };
  }
  // A record that breaks the schema would break again: permanent.
  if (err instanceof Error && err.name === 'ZodError') {
    const first = (err as Error & { issues?: Array<{ message?: string }> }).issues?.[0]?.message;
    return { code: 'SCHEMA_VIOLATION', kind: 'permanent', message: first ?? err.message };
  }
  return { message: err instanceof Error ? err.message : String(err) };
}

export function fromErrorRecord(record: ErrorRecord): Error {
  if (!record.code) return new Error(record.message);
  const { code, message, ...options } = record;
  return new NewsintError(code, message, options);
}
