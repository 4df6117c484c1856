/** Fetcher options from the one configuration schema: workers and `newsint extract` fetch alike. */
import type { Config } from '../config.js';
import type { FetcherOptions } from './types.js';

export function fetcherOptionsFromConfig(config: Config): FetcherOptions {
  return {
    ...(config.userAgent ? { userAgent: config.userAgent } : {}),
    contactUrl: config.contactUrl,
    allowNets: config.allowNets,
    limits: {
      connectTimeoutMs: config.timeoutMs,
      headersTimeoutMs: config.timeoutMs,
      bodyTimeoutMs: config.timeoutMs,
      totalTimeoutMs: config.totalTimeoutMs,
      maxBytes: config.maxBytes,
      maxRedirects: config.maxRedirects,
      maxRetryAfterMs: config.maxRetryAfterMs,
    },
  };
}
