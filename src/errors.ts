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
  | 'TOO_MANY_REDIRECTS'
  | 'HTTP_NOT_FOUND'
  | 'HTTP_CLIENT_ERROR'
  | 'HTTP_SERVER_ERROR'
  | 'RATE_LIMITED'
  | 'TIMEOUT'
  | 'NETWORK'
  | 'SCHEMA_VIOLATION'
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
