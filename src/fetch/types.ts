/**
 * The fetcher's contract: limits with their defaults, options, request and result.
 * Every limit lives here, in one place, so workers and the CLI share the same numbers.
 */
import type { LookupAddress } from 'node:dns';

/** Every limit the fetcher enforces; override any of them through `FetcherOptions.limits`. */
export const DEFAULT_FETCH_LIMITS = {
  // The configuration's NEWSINT_TIMEOUT sets these three together; its default is this one
  // value, so the library, `extract` and the workers share one set of defaults (src/config.ts).
  /** TCP (and TLS) connect. */
  connectTimeoutMs: 15_000,
  /** From request sent to response headers received. */
  headersTimeoutMs: 15_000,
  /** Longest silence between two body chunks. (undici checks this and headersTimeoutMs on a ~1 s clock.) */
  bodyTimeoutMs: 15_000,
  /** Whole fetch, every redirect hop and the body included: a trickling server cannot hold us. */
  totalTimeoutMs: 60_000,
  /** Body size cap, counted on DECOMPRESSED bytes (zip bombs). */
  maxBytes: 5 * 1024 * 1024,
  maxRedirects: 5,
  /** Used when a 429 carries no Retry-After. */
  defaultRetryAfterMs: 60_000,
  /** A server asking us to come back in a week is capped to this. */
  maxRetryAfterMs: 60 * 60_000,
};

export type FetchLimits = typeof DEFAULT_FETCH_LIMITS;

export interface FetcherOptions {
  /** Default "newsint/<version> (+<contactUrl>)". */
  userAgent?: string;
  /** Where a site owner can learn about the crawler or reach its operator. */
  contactUrl?: string;
  limits?: Partial<FetchLimits>;
  /** CIDRs or IPs allowed despite the SSRF guard, e.g. ["127.0.0.1/32"]. */
  allowNets?: string[];
  /** Extra trusted CA certificates (PEM), added to Node's bundled roots: corporate TLS proxies, tests. */
  ca?: string | Buffer | Array<string | Buffer>;
  /** Host name resolution; `dns.lookup` (all addresses) by default. Tests map names to chosen addresses. */
  resolve?: (hostname: string) => Promise<LookupAddress[]>;
}

/**
 * 'html' admits HTML and XHTML; 'article' also plain text (an article as .txt); 'feed' also
 * XML, RSS, Atom, JSON Feed, text sitemaps and gzip.
 */
export type AcceptMode = 'html' | 'article' | 'feed';

export interface FetchRequest {
  url: string;
  accept?: AcceptMode;
  /** From the previous fetch of this URL: sent as If-None-Match. */
  etag?: string | null;
  /** From the previous fetch of this URL: sent as If-Modified-Since. */
  lastModified?: string | null;
  signal?: AbortSignal;
}

export interface FetchResult {
  requestedUrl: string;
  /** After redirects. */
  finalUrl: string;
  status: number;
  /** A 304 answered our conditional GET: body and text are empty, keep the previous record. */
  notModified: boolean;
  contentType: string | null;
  /** Decompressed bytes (content-encoding removed, gzip sitemaps gunzipped). */
  body: Uint8Array;
  /** Decoded with the charset from the header, BOM or meta (on first read); '' when notModified. */
  text: string;
  etag: string | null;
  lastModified: string | null;
  /** ISO 8601, when the response headers arrived. */
  fetchedAt: string;
  /** Every URL we were redirected to, in order (finalUrl last when there were redirects). */
  redirects: string[];
}

export interface Fetcher {
  fetch(req: FetchRequest): Promise<FetchResult>;
  /** Close pooled connections; the fetcher must not be used afterwards. */
  close(): Promise<void>;
}
